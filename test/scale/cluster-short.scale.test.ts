import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Province } from '../crash/cadre-process.ts';
import { browse, type Cluster, csrfOf, signIn, startCluster } from './cluster.ts';
import { codeProblems, intakeBody, postIntake, preparePgProvince, SCALE_PASSWORD } from './scale-support.ts';

/**
 * The short form of issue 8 §3 (for .ci/run): two real Cadre processes on one PostgreSQL
 * database behind a round-robin proxy. Concurrent intake through both keeps dossier codes
 * unique and gap-free; a session made on one process works on the other (cookie and CSRF);
 * two officials saving the same staff record from the same version through different
 * processes: one wins, the other gets a translated 409 and nothing of theirs is written.
 */

const CLIENTS = 6;
const PER_CLIENT = 10;

let province: Province | undefined;
let cluster: Cluster | undefined;

beforeAll(async () => {
  province = await preparePgProvince();
  cluster = await startCluster(province.env, 2);
});

afterAll(async () => {
  await cluster?.stop();
  await province?.cleanup();
});

describe('two Cadre processes behind a proxy on one PostgreSQL database', () => {
  it('concurrent intake through both keeps dossier codes unique and gap-free per agency and day', async () => {
    const p = province as Province;
    const c = cluster as Cluster;
    const outcomes = (
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          const mine = [];
          for (let i = 0; i < PER_CLIENT; i++) {
            mine.push(await postIntake(c.proxy.base, p.token, `scale-${client}-${i}`, intakeBody(p.unitId, `${client}-${i}`)));
          }
          return mine;
        }),
      )
    ).flat();
    expect(outcomes.map((o) => o.status).filter((s) => s !== 201)).toEqual([]);
    // Round robin: both processes took intakes.
    expect(new Set(outcomes.map((o) => o.backend))).toEqual(new Set(['0', '1']));
    const codes = outcomes.map((o) => o.code ?? '');
    expect(new Set(codes).size).toBe(CLIENTS * PER_CLIENT);
    expect(await codeProblems(p, codes)).toEqual([]);
    const stored = await p.query<{ n: number }>("select count(*) as n from dossiers where applicant_name like 'Trần Thị Mở Rộng %'");
    expect(Number(stored[0]?.n)).toBe(CLIENTS * PER_CLIENT);
  });

  it('a session made on one process works on the other, and a stale save of a staff record answers 409', async () => {
    const p = province as Province;
    const [a, b] = (cluster as Cluster).servers;
    if (!a || !b) throw new Error('two servers expected');
    const [person] = await p.query<{ id: number; version: number }>(
      "select s.id, s.version from staff s join users u on u.unit_id = s.unit_id where u.username = 'hr' order by s.id limit 1",
    );
    if (!person) throw new Error('the HR officer’s unit has no staff');

    // Sign in on process A; the same cookie reads the staff record on process B.
    const jar = await signIn(a.base, 'hr', SCALE_PASSWORD);
    const pageOnB = await browse(jar, `${b.base}/staff/${person.id}`);
    expect(pageOnB.status).toBe(200);
    expect(pageOnB.html).toContain(`name="version" value="${person.version}"`);
    const csrf = csrfOf(pageOnB.html);

    // Two saves from the same version: the first through A (with B's CSRF token) wins ...
    const first = await browse(jar, `${a.base}/staff/${person.id}/discipline`, {
      _csrf: csrf,
      version: String(person.version),
      pendingUntil: '',
      reason: 'Người thứ nhất: không có vụ việc',
      documentRef: '',
    });
    expect(first.status).toBe(303);
    // ... the second through B is refused with the translated message, and the form offers the new version.
    const second = await browse(jar, `${b.base}/staff/${person.id}/discipline`, {
      _csrf: csrf,
      version: String(person.version),
      pendingUntil: '',
      reason: 'Người thứ hai: ghi đè',
      documentRef: '',
    });
    expect(second.status).toBe(409);
    expect(second.html).toContain('Dữ liệu đã được người khác thay đổi');
    expect(second.html).toContain(`name="version" value="${person.version + 1}"`);

    const [after] = await p.query<{ version: number }>('select version from staff where id = ?', [person.id]);
    expect(Number(after?.version)).toBe(person.version + 1);
    const audits = await p.query<{ after: string }>(
      'select "after" from audit_log where action = \'staff.discipline.set\' and entity_id = ?',
      [String(person.id)],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toContain('Người thứ nhất');
  });
});
