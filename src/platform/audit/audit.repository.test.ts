import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { dropAuditGuards } from '../../../test/support/tamper.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { type AuditInput, appendAudit, appendAuditEntries, listAudit, verifyAuditChain } from './audit.repository.ts';
import { type AuditMeta, auditEvent, audited } from './audited.ts';
import { entryHash } from './hash-chain.ts';

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

  const input = (i: number): AuditInput => ({
    provinceCode: 'T1',
    at: AT,
    actorUserId: null,
    actorUsername: 'system',
    actorRole: null,
    actorUnitId: null,
    requestId: 'req',
    action: 'batch',
    entityType: 'thing',
    entityId: String(i),
    after: { i },
  });

  it('appends a batch larger than one insert statement as consecutive entries, after single ones', async () => {
    const db = await appendEntries(2);
    const entries = await db.transaction().execute((trx) =>
      appendAuditEntries(
        trx,
        Array.from({ length: 1_234 }, (_, i) => input(i)),
      ),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 1_234 }, (_, i) => i + 3));
    await auditEvent(db, meta(), 'after.batch', 'thing', null);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 1_237, problem: null });
    expect(await db.selectFrom('auditHead').select('seq').executeTakeFirst()).toEqual({ seq: 1_237 });
  });

  it('chains onto a head another process moved, and onto the real head after a rolled-back append', async () => {
    const db = await appendEntries(2);
    // Another process (its own guess of the head) appends entry 3 the way appendAudit does.
    const head = await db.selectFrom('auditHead').select(['seq', 'hash']).executeTakeFirstOrThrow();
    const fields = { ...input(3), seq: Number(head.seq) + 1, before: null, after: null };
    const hash = entryHash(head.hash, fields);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('auditLog')
        .values({ ...fields, prevHash: head.hash, hash })
        .execute();
      await trx.updateTable('auditHead').set({ seq: fields.seq, hash }).execute();
    });
    await auditEvent(db, meta(), 'after.other.process', 'thing', null);
    // An append whose transaction rolls back leaves this process guessing a head that never committed.
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, input(5));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await auditEvent(db, meta(), 'after.rollback', 'thing', null);
    const rows = await db.selectFrom('auditLog').select(['seq', 'action']).orderBy('seq').execute();
    expect(rows.map((r) => [Number(r.seq), r.action])).toEqual([
      [1, 'thing.update'],
      [2, 'thing.update'],
      [3, 'batch'],
      [4, 'after.other.process'],
      [5, 'after.rollback'],
    ]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5, problem: null });
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
