import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { dropAuditGuards } from '../../../test/support/tamper.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { listAudit, verifyAuditChain } from './audit.repository.ts';
import { type AuditMeta, auditEvent, audited } from './audited.ts';

const AT = '2026-03-02T03:00:00.000Z';

describe.each(testDialects())('audit chain on %s', (dialect) => {
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  async function freshDb() {
    handle = await createTestDatabase(dialect);
    await handle.db.insertInto('provinces').values({ code: 'T1', name: 'Tỉnh', createdAt: AT }).execute();
    return handle.db;
  }

  const meta = (over: Partial<AuditMeta> = {}): AuditMeta => ({
    actor: SYSTEM_ACTOR('T1'),
    requestId: 'req',
    at: AT,
    provinceCode: 'T1',
    ...over,
  });

  async function appendEntries(n: number) {
    const db = await freshDb();
    for (let i = 1; i <= n; i++) {
      await audited(db, meta(), 'thing.update', 'thing', async () => ({ result: i, entityId: i, before: { v: i - 1 }, after: { v: i } }));
    }
    return db;
  }

  it('verifies an intact chain and reports progress', async () => {
    const db = await appendEntries(5);
    const progress: [number, number][] = [];
    const result = await verifyAuditChain(db, (done, total) => progress.push([done, total]));
    expect(result).toEqual({ ok: true, checked: 5, problem: null });
    expect(progress.at(-1)).toEqual([5, 5]);
  });

  it('commits the entry with the change, and neither when the change fails', async () => {
    const db = await freshDb();
    await expect(
      audited(db, meta(), 'province.create', 'province', async (trx) => {
        await trx.insertInto('provinces').values({ code: 'T9', name: 'Rolled back', createdAt: AT }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.selectFrom('provinces').select('code').where('code', '=', 'T9').executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('auditLog').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('auditHead').selectAll().execute()).toEqual([]);
  });

  it('refuses UPDATE and DELETE on the log at the database level', async () => {
    const db = await appendEntries(2);
    await expect(sql`update audit_log set after = ${'{}'} where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 2`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('reports an entry edited with raw SQL as altered', async () => {
    const db = await appendEntries(4);
    await dropAuditGuards(db);
    await sql`update audit_log set after = ${'{"v":999}'} where seq = 2`.execute(db);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, checked: 1, problem: { kind: 'altered', seq: 2 } });
  });

  it('reports a deleted middle entry as missing', async () => {
    const db = await appendEntries(4);
    await dropAuditGuards(db);
    await sql`delete from audit_log where seq = 3`.execute(db);
    expect((await verifyAuditChain(db)).problem).toEqual({ kind: 'missing', afterSeq: 2, expectedSeq: 3 });
  });

  it('reports a deleted last entry through the chain head', async () => {
    const db = await appendEntries(4);
    await dropAuditGuards(db);
    await sql`delete from audit_log where seq = 4`.execute(db);
    expect((await verifyAuditChain(db)).problem).toEqual({ kind: 'missing', afterSeq: 3, expectedSeq: 4 });
    await sql`update audit_head set seq = 3`.execute(db);
    expect((await verifyAuditChain(db)).problem).toEqual({ kind: 'head-mismatch', headSeq: 3, lastSeq: 3 });
  });

  it('keeps seq gap-free under concurrent appends', async () => {
    const db = await freshDb();
    await Promise.all(Array.from({ length: 20 }, (_, i) => auditEvent(db, meta(), 'burst', 'thing', String(i))));
    const seqs = (await db.selectFrom('auditLog').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('records the operator of a CLI change in the entry', async () => {
    const db = await freshDb();
    await audited(db, meta({ operator: 'nguyen' }), 'user.disable', 'user', async () => ({
      result: null,
      entityId: 5,
      after: { disabled: true },
    }));
    await auditEvent(db, meta({ operator: 'nguyen' }), 'cli.event', 'thing', null);
    const rows = await db.selectFrom('auditLog').select(['after', 'actorUsername']).orderBy('seq').execute();
    expect(rows.map((r) => JSON.parse(r.after ?? 'null'))).toEqual([{ disabled: true, operator: 'nguyen' }, { operator: 'nguyen' }]);
    expect(rows[0]?.actorUsername).toBe('system');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('lists entries of the given provinces, newest first, with keyset paging and filters', async () => {
    const db = await freshDb();
    await auditEvent(db, meta(), 'a', 'thing', '1');
    await auditEvent(db, { ...meta(), provinceCode: '', actor: null, username: 'ghost' }, 'auth.login_failed', 'user', null);
    await auditEvent(db, meta({ at: '2026-03-03T00:00:00.000Z' }), 'b', 'thing', '2');
    const all = await listAudit(db, { provinceCodes: ['T1', ''], limit: 10 });
    expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect((await listAudit(db, { provinceCodes: ['T1'], limit: 10 })).map((e) => e.seq)).toEqual([3, 1]);
    expect((await listAudit(db, { provinceCodes: ['T1', ''], beforeSeq: 3, limit: 1 })).map((e) => e.seq)).toEqual([2]);
    expect((await listAudit(db, { provinceCodes: ['T1'], from: '2026-03-02T12:00:00.000Z', limit: 10 })).map((e) => e.action)).toEqual([
      'b',
    ]);
    expect((await listAudit(db, { provinceCodes: ['T1'], to: '2026-03-02T12:00:00.000Z', limit: 10 })).map((e) => e.action)).toEqual(['a']);
    expect((await listAudit(db, { provinceCodes: ['T1', ''], actor: 'ghost', limit: 10 })).map((e) => e.seq)).toEqual([2]);
    expect(await listAudit(db, { provinceCodes: [], limit: 10 })).toEqual([]);
  });
});
