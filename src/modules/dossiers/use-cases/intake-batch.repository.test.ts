import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import { verifyAuditChain } from '../../../platform/audit/audit.repository.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { IdempotencyKeyTaken, saveIdempotencyKey } from '../dossiers.repository.ts';
import { type IntakeDraft, inIntakeBatch } from './intake-batch.ts';

/**
 * Group commit of intakes: intakes queued in the same turn share one transaction and take
 * consecutive numbers; one that fails is undone alone (its number given back, no gap); a failed
 * COMMIT fails them all and stores nothing, so nothing is acknowledged before the COMMIT.
 */
describe.each(testDialects())('intake group commit on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let procedureId: number;
  let userId: number;
  const day = '260302';

  const lastSeq = async (agency: string) =>
    (await h.db.selectFrom('dossierCodeCounters').select('lastSeq').where('agencyCode', '=', agency).executeTakeFirst())?.lastSeq;
  const dossierNames = async (agency: string) =>
    (
      await h.db.selectFrom('dossiers').select(['code', 'applicantName']).where('code', 'like', `${agency}-%`).orderBy('code').execute()
    ).map((r) => `${r.code} ${r.applicantName}`);

  /** A hand-made intake of `agency`: result "<code> <name>"; with `key`, an idempotency key of the fixture's counter officer. */
  const draft = (agency: string, name: string, key?: string): IntakeDraft<string> => ({
    provinceCode: 'T1',
    agency,
    day,
    numbered: (seq) => {
      const code = `${agency}-${day}-${String(seq).padStart(4, '0')}`;
      return {
        dossier: {
          provinceCode: 'T1',
          code,
          receivingUnitId: f.unitA,
          competentUnitId: f.unitA,
          procedureId,
          channel: 1,
          status: 2,
          applicantName: name,
          applicantIdNumber: null,
          applicantPhone: null,
          applicantEmail: null,
          applicantAddress: null,
          summary: null,
          receivedAt: NOW,
          validAt: NOW,
          dueAt: NOW,
          createdAt: NOW,
          createdBy: userId,
        },
        event: {
          provinceCode: 'T1',
          at: NOW,
          actorUserId: userId,
          kind: 'RECEIVED',
          fromStatus: null,
          toStatus: 2,
          note: null,
          data: null,
        },
        saved: (id) => ({
          key: key
            ? {
                row: { provinceCode: 'T1', userId, key, requestHash: 'h'.repeat(64), statusCode: 201, response: { code }, createdAt: NOW },
                notBefore: '2026-03-01T03:00:00.000Z',
              }
            : null,
          audit: {
            provinceCode: 'T1',
            at: NOW,
            actorUserId: userId,
            actorUsername: 'counter_officer_a',
            actorRole: 'counter_officer',
            actorUnitId: f.unitA,
            requestId: null,
            action: 'dossier.receive',
            entityType: 'dossier',
            entityId: String(id),
            after: { code },
          },
          result: `${code} ${name}`,
        }),
      };
    },
  });

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    procedureId = (await seedDossierProcedures(h.db)).commune;
    userId = (f.users.counter_officer_a as { userId: number }).userId;
  });
  afterAll(async () => h?.close());

  it('writes intakes queued together in one transaction, with consecutive numbers', async () => {
    const transactions = vi.spyOn(h.db, 'transaction');
    const results = await Promise.all([
      inIntakeBatch(h.db, draft('ONE', 'An')),
      inIntakeBatch(h.db, draft('ONE', 'Bình')),
      inIntakeBatch(h.db, draft('ONE', 'Chi')),
    ]);
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    expect(results).toEqual(['ONE-260302-0001 An', 'ONE-260302-0002 Bình', 'ONE-260302-0003 Chi']);
    expect(await dossierNames('ONE')).toEqual(results);
    expect(await lastSeq('ONE')).toBe(3);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it('undoes an intake that fails inside a batch alone: the others commit, without a gap in the codes', async () => {
    await saveIdempotencyKey(
      h.db,
      { provinceCode: 'T1', userId, key: 'live-key', requestHash: 'x'.repeat(64), statusCode: 201, response: {}, createdAt: NOW },
      '2026-03-01T03:00:00.000Z',
    );
    const transactions = vi.spyOn(h.db, 'transaction');
    const results = await Promise.allSettled([
      inIntakeBatch(h.db, draft('TWO', 'An', 'fresh-1')),
      inIntakeBatch(h.db, draft('TWO', 'Bình', 'live-key')),
      inIntakeBatch(h.db, draft('TWO', 'Chi', 'fresh-2')),
    ]);
    // The batch as a whole, then again with a savepoint per intake.
    expect(transactions).toHaveBeenCalledTimes(2);
    transactions.mockRestore();
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'TWO-260302-0001 An' });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyTaken);
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'TWO-260302-0002 Chi' });
    expect(await dossierNames('TWO')).toEqual(['TWO-260302-0001 An', 'TWO-260302-0002 Chi']);
    expect(await lastSeq('TWO')).toBe(2);
    const keys = await h.db.selectFrom('idempotencyKeys').select('key').where('key', 'in', ['fresh-1', 'fresh-2']).orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['fresh-1', 'fresh-2']);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it('fails every intake of a batch whose COMMIT fails, and stores none of them', async () => {
    // A check deferred to COMMIT refuses a dossier named POISON.
    if (dialect === 'postgres') {
      await sql`create function refuse_poison() returns trigger language plpgsql as $$ begin raise exception 'refused at commit'; end $$`.execute(
        h.db,
      );
      await sql`create constraint trigger refuse_poison after insert on dossiers deferrable initially deferred
        for each row when (new.applicant_name = 'POISON') execute function refuse_poison()`.execute(h.db);
    } else {
      await sql`create table poison (user_id integer references users (id) deferrable initially deferred)`.execute(h.db);
      await sql`create trigger refuse_poison after insert on dossiers when new.applicant_name = 'POISON'
        begin insert into poison (user_id) values (-1); end`.execute(h.db);
    }
    const auditsBefore = (await h.db.selectFrom('auditLog').select('seq').execute()).length;
    const results = await Promise.allSettled([
      inIntakeBatch(h.db, draft('THREE', 'An', 'k-3a')),
      inIntakeBatch(h.db, draft('THREE', 'Bình')),
      inIntakeBatch(h.db, draft('THREE', 'POISON')),
    ]);
    // An and Bình were written without error: had either been resolved before the COMMIT, it could not be rejected now.
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await dossierNames('THREE')).toEqual([]);
    expect(await lastSeq('THREE')).toBeUndefined();
    expect(await h.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'k-3a').execute()).toEqual([]);
    expect((await h.db.selectFrom('auditLog').select('seq').execute()).length).toBe(auditsBefore);
    // The lane works again, and the chain continues where it was.
    expect(await inIntakeBatch(h.db, draft('THREE', 'Dung'))).toBe('THREE-260302-0001 Dung');
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });
});
