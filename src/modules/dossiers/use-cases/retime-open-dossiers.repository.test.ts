import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { toDbBool } from '../../../platform/db/database.ts';
import { retimeOpenDossiers } from './retime-open-dossiers.ts';

/** Monday 2 March 2026 10:00 in Vietnam plus 3 working days: Thursday 5 March 17:00; Friday with a holiday on Wednesday. */
const THURSDAY_CLOSE = '2026-03-05T10:00:00.000Z';
const FRIDAY_CLOSE = '2026-03-06T10:00:00.000Z';
const HOLIDAY = { date: '2026-03-04', kind: 'HOLIDAY' as const, nameVi: 'Nghỉ', nameEn: 'Off', confirmed: true };
const REASON = { action: 'calendar.holiday.add', date: HOLIDAY.date, kind: HOLIDAY.kind, nameVi: HOLIDAY.nameVi };

/** More open dossiers than one batch holds, so paging by id is exercised; finished ones mixed in between. */
const OPEN = 1_230;
const FINISHED = 170;

describe.each(testDialects())('re-timing in batches on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const meta: AuditMeta = { actor: null, requestId: 'retime-test', at: NOW, provinceCode: 'T1' };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const procedures = await seedDossierProcedures(h.db);
    const rows = Array.from({ length: OPEN + FINISHED }, (_, i) => {
      const open = i % 8 !== 0 || i >= 8 * FINISHED;
      return {
        // One dossier of the other province: holidays are national.
        provinceCode: i === 1 ? 'T2' : 'T1',
        code: `RT-${i}`,
        receivingUnitId: i === 1 ? f.otherProvinceUnit : f.unitA,
        competentUnitId: i === 1 ? f.otherProvinceUnit : f.unitA,
        procedureId: procedures.commune,
        channel: 1,
        status: open ? ([2, 4, 5, 6][i % 4] ?? 2) : ([9, 10, 7, 8][(i / 8) % 4] ?? 9),
        applicantName: 'Người thử',
        applicantNameSearch: 'nguoi thu',
        receivedAt: NOW,
        validAt: NOW,
        dueAt: THURSDAY_CLOSE,
        createdAt: NOW,
        updatedAt: NOW,
      };
    });
    for (let i = 0; i < rows.length; i += 400)
      await h.db
        .insertInto('dossiers')
        .values(rows.slice(i, i + 400))
        .execute();
  });
  afterAll(async () => h?.close());

  const dueCounts = async () => {
    const rows = await h.db.selectFrom('dossiers').select(['dueAt', 'status']).execute();
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const key = `${[2, 4, 5, 6].includes(Number(r.status)) ? 'open' : 'finished'} ${new Date(r.dueAt as string).toISOString()}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };

  it('moves every open dossier of every province, across batches, and leaves finished ones', async () => {
    const outcome = await h.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('holidays')
        .values({ ...HOLIDAY, confirmed: toDbBool(true), decidingDocument: 'x', createdAt: NOW, updatedAt: NOW })
        .execute();
      return retimeOpenDossiers({ db: trx }, meta, { before: null, after: HOLIDAY }, REASON);
    });
    expect(outcome).toEqual({ retimed: OPEN, provinces: ['T1', 'T2'] });
    expect(await dueCounts()).toEqual({ [`open ${FRIDAY_CLOSE}`]: OPEN, [`finished ${THURSDAY_CLOSE}`]: FINISHED });
    const audits = await h.db.selectFrom('auditLog').select(['entityId', 'provinceCode']).where('action', '=', 'dossier.retime').execute();
    expect(audits).toHaveLength(OPEN);
    expect(new Set(audits.map((a) => a.entityId)).size).toBe(OPEN);
    expect(audits.filter((a) => a.provinceCode === 'T2')).toHaveLength(1);
    const events = await h.db.selectFrom('dossierEvents').select('dossierId').where('kind', '=', 'RETIMED').execute();
    expect(events).toHaveLength(OPEN);
  });

  it('a second run over the same calendar moves nothing', async () => {
    const outcome = await h.db
      .transaction()
      .execute((trx) => retimeOpenDossiers({ db: trx }, meta, { before: null, after: HOLIDAY }, REASON));
    expect(outcome).toEqual({ retimed: 0, provinces: [] });
  });

  it('rolls back with the transaction it runs in', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('holidays').where('date', '=', HOLIDAY.date).execute();
        const outcome = await retimeOpenDossiers({ db: trx }, meta, { before: HOLIDAY, after: null }, REASON);
        expect(outcome.retimed).toBe(OPEN);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await dueCounts()).toEqual({ [`open ${FRIDAY_CLOSE}`]: OPEN, [`finished ${THURSDAY_CLOSE}`]: FINISHED });
  });
});
