import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { checkProcedureRules } from './procedure-rules.ts';
import { findProcedure, findProcedureInForce, listProcedures } from './procedures.repository.ts';
import { PROCEDURE_FIELDS } from './procedures.schemas.ts';
import { CATALOGUE_EFFECTIVE_FROM, seedProcedureCatalogue } from './seed-catalogue.ts';

const NOW = '2026-03-02T03:00:00.000Z';

async function withProvince(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  const h = await createTestDatabase(dialect);
  await h.db.insertInto('provinces').values({ code: '46', name: 'Thành phố Huế', createdAt: NOW }).execute();
  return h;
}

/** Everything a second seed must reproduce exactly, in a stable order. */
async function snapshot(db: Db) {
  const rows = await db.selectFrom('procedures').selectAll().orderBy('nationalCode').execute();
  return rows.map(({ id: _id, ...r }) => r);
}

describe.each(testDialects())('procedure catalogue seed on %s', (dialect) => {
  let h: DatabaseHandle;
  let first: { inserted: number; skipped: number };

  beforeAll(async () => {
    h = await withProvince(dialect);
    first = await seedProcedureCatalogue(h.db, '46', NOW);
  });
  afterAll(async () => h?.close());

  it('seeds about 60 procedures covering every field, all in force from 1 July 2025', async () => {
    expect(first.inserted).toBeGreaterThanOrEqual(55);
    expect(first.skipped).toBe(0);
    const listed = await listProcedures(h.db, { provinceCode: '46', inForceOn: '2026-03-02' });
    expect(listed).toHaveLength(first.inserted);
    expect(new Set(listed.map((p) => p.field))).toEqual(new Set(PROCEDURE_FIELDS));
    expect(await listProcedures(h.db, { provinceCode: '46', inForceOn: '2025-06-30' })).toEqual([]);
    expect(listed.every((p) => p.effectiveFrom === CATALOGUE_EFFECTIVE_FROM && p.effectiveTo === null)).toBe(true);
  });

  it('stores workflows that pass the rules, read back from the database', async () => {
    const listed = await listProcedures(h.db, { provinceCode: '46', inForceOn: '2026-03-02' });
    for (const s of listed) {
      const p = await findProcedure(h.db, s.id);
      if (!p) throw new Error(`procedure ${s.id} vanished`);
      const problems = checkProcedureRules(p);
      expect({ code: p.nationalCode, problems }).toEqual({ code: p.nationalCode, problems: [] });
      expect(p.workflow[0]?.code).toBe('RECEIVE');
      expect(p.workflow.at(-1)?.code).toBe('RETURN');
    }
    const birth = await findProcedureInForce(h.db, '46', '1.001193', '2026-03-02');
    expect(birth).toMatchObject({ nameVi: 'Đăng ký khai sinh', timeLimitUnit: 'IMMEDIATE', sourceTag: 'S' });
  });

  it('is idempotent: a second run inserts nothing and changes nothing', async () => {
    const before = await snapshot(h.db);
    expect(await seedProcedureCatalogue(h.db, '46', '2027-01-01T00:00:00.000Z')).toEqual({ inserted: 0, skipped: first.inserted });
    expect(await snapshot(h.db)).toEqual(before);
  });

  it('gives identical rows on a fresh database (deterministic)', async () => {
    const other = await withProvince(dialect);
    try {
      await seedProcedureCatalogue(other.db, '46', NOW);
      expect(await snapshot(other.db)).toEqual(await snapshot(h.db));
    } finally {
      await other.close();
    }
  });
});
