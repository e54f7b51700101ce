import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { AuditMeta } from '../../platform/audit/audited.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { isUniqueViolation, listDossiers, nextCodeSequence, saveIdempotencyKey } from './dossiers.repository.ts';
import { DossierIntakeBodySchema } from './dossiers.schemas.ts';
import { requestHash } from './idempotency.ts';
import { receiveDossier } from './use-cases/receive-dossier.ts';

describe.each(testDialects())('dossiers repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let actor: Actor;
  const meta = (at = NOW): AuditMeta => ({ actor, requestId: null, at, provinceCode: 'T1' });
  const deps = () => ({ db: h.db, clock: fixedClock(NOW) });

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    await seedDossierProcedures(h.db);
    const u = f.users.counter_officer_a;
    if (!u) throw new Error('fixture user missing');
    actor = {
      userId: u.userId,
      username: u.username,
      displayName: u.username,
      role: 'counter_officer',
      provinceCode: 'T1',
      unitId: f.unitA,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
  });
  afterAll(async () => h?.close());

  it('gives 50 concurrent intakes the codes 0001…0050, without gaps or duplicates', async () => {
    const input = DossierIntakeBodySchema.parse(intakeBody(f.unitA));
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => receiveDossier(deps(), actor, input, meta())));
    const codes = outcomes.map((o) => o.body.code).sort();
    expect(codes).toEqual(Array.from({ length: 50 }, (_, i) => `10001-260302-${String(i + 1).padStart(4, '0')}`));
    const counter = await h.db.selectFrom('dossierCodeCounters').selectAll().where('agencyCode', '=', '10001').executeTakeFirstOrThrow();
    expect(counter).toMatchObject({ day: '260302', lastSeq: 50, provinceCode: 'T1' });
    const audits = await h.db.selectFrom('auditLog').select('entityId').where('action', '=', 'dossier.receive').execute();
    expect(audits).toHaveLength(50);
  });

  it('pages the list newest first and stops counting at the cap, saying so', async () => {
    const all = await listDossiers(h.db, { provinceCode: 'T1', unitId: f.unitA, offset: 0, limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(50);
    expect(all.capped).toBe(false);
    const order = all.items.map((d) => `${d.createdAt}|${String(d.id).padStart(9, '0')}`);
    expect(order).toEqual([...order].sort().reverse());
    const capped = await listDossiers(h.db, { provinceCode: 'T1', unitId: f.unitA, offset: 20, limit: 20 }, 10);
    expect(capped).toMatchObject({ total: 10, capped: true });
    // The page itself is not cut by the cap: rows 21–40 of the same order.
    expect(capped.items.map((d) => d.id)).toEqual(all.items.slice(20, 40).map((d) => d.id));
    const exact = await listDossiers(h.db, { provinceCode: 'T1', unitId: f.unitA, offset: 0, limit: 5 }, all.total);
    expect(exact).toMatchObject({ total: all.total, capped: false });
    // The filters of the count and of the page agree: a procedure code nobody used matches nothing.
    const [first] = all.items;
    if (!first) throw new Error('no dossier listed');
    const byProcedure = await listDossiers(h.db, {
      provinceCode: 'T1',
      unitId: f.unitA,
      procedureCode: first.procedureCode,
      offset: 0,
      limit: 100,
    });
    expect(byProcedure.items.every((d) => d.procedureCode === first.procedureCode)).toBe(true);
    expect(byProcedure.total).toBe(byProcedure.items.length);
    expect(await listDossiers(h.db, { provinceCode: 'T1', unitId: f.unitA, procedureCode: 'NO.SUCH', offset: 0, limit: 10 })).toEqual({
      items: [],
      total: 0,
      capped: false,
    });
  });

  it('starts a new sequence per agency and per reception day', async () => {
    expect(await nextCodeSequence(h.db, 'T1', 'OTHER', '260302')).toBe(1);
    expect(await nextCodeSequence(h.db, 'T1', 'OTHER', '260302')).toBe(2);
    expect(await nextCodeSequence(h.db, 'T1', 'OTHER', '260303')).toBe(1);
  });

  it('gives a rolled-back intake’s number back, so the next code has no gap', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        expect(await nextCodeSequence(trx, 'T1', 'ROLLBACK', '260302')).toBe(1);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await nextCodeSequence(h.db, 'T1', 'ROLLBACK', '260302')).toBe(1);
  });

  it('refuses a second record of the same key for the same user, but not for another user', async () => {
    const row = {
      provinceCode: 'T1',
      userId: actor.userId,
      key: 'k-1',
      requestHash: 'a'.repeat(64),
      statusCode: 201,
      response: { ok: 1 },
      createdAt: NOW,
    };
    await saveIdempotencyKey(h.db, row, '2026-03-01T03:00:00.000Z');
    const again = saveIdempotencyKey(h.db, { ...row, requestHash: 'b'.repeat(64) }, '2026-03-01T03:00:00.000Z');
    await expect(again).rejects.toSatisfy(isUniqueViolation);
    await saveIdempotencyKey(h.db, { ...row, userId: 0 }, '2026-03-01T03:00:00.000Z');
    // An expired record of the key is replaced rather than blocking it for ever.
    await saveIdempotencyKey(h.db, { ...row, createdAt: '2026-03-03T04:00:00.000Z' }, '2026-03-02T04:00:00.000Z');
    const rows = await h.db
      .selectFrom('idempotencyKeys')
      .select(['userId', 'createdAt'])
      .where('key', '=', 'k-1')
      .orderBy('userId')
      .execute();
    expect(rows).toEqual([
      { userId: 0, createdAt: NOW },
      { userId: actor.userId, createdAt: '2026-03-03T04:00:00.000Z' },
    ]);
  });

  it('creates one dossier for 10 concurrent requests with one key, and answers them all alike', async () => {
    const body = intakeBody(f.unitA, { applicantName: 'Người Thử Đồng Thời' });
    const input = DossierIntakeBodySchema.parse(body);
    const idem = { provinceCode: 'T1', userId: actor.userId, key: 'same-key', hash: requestHash('POST', '/api/v1/dossiers', body) };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => receiveDossier(deps(), actor, input, meta(), idem)));
    expect(new Set(outcomes.map((o) => o.body.code)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    const n = await h.db.selectFrom('dossiers').select('id').where('applicantName', '=', 'Người Thử Đồng Thời').execute();
    expect(n).toHaveLength(1);
  });
});
