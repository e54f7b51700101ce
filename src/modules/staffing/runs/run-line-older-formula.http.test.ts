import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import { WISN_FORMULA_VERSION } from '../wisn.ts';
import { runOf, smallRun } from './run.fixtures.ts';
import type { RunLine } from './run.schemas.ts';
import { insertRun } from './runs.repository.ts';
import { LineDictionaryBuilder, type PackedRunLine, packLine } from './stored-line.ts';

const OLD_VERSION = 'WISN-WHO-2010/cadre-0';
/** Figures an older build stored: not what this build's formulas give for the same input. */
const OLD_FIGURES = { requiredStaff: 7.25, difference: -5.25, ratio: 2 / 7.25 };

/**
 * A run stored under an older WISN formula version stays readable: the drill-down shows the
 * stored headline figures and inputs with a translated "trace not available" flag, while a line
 * whose figures differ under the SAME version still fails the read.
 */
describe.each(testDialects())('a run line of an older formula version over HTTP on %s', (dialect) => {
  let t: TestApp;
  let runId: number;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const get = (url: string, lang?: string) =>
    t.app.inject({
      url,
      headers: { cookie: lang ? `${user('province_analyst').cookie}; cadre_lang=${lang}` : user('province_analyst').cookie },
    });
  const lineUrl = (field: string) => `/staffing/runs/${runId}/units/${t.fixture.unitA}/fields/${field}`;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    // smallRun's Thuận Hóa lines, packed as createRun stores them, on commune A.
    const lines = smallRun()
      .lines.filter((l) => l.unitId === 101)
      .map((l) => ({ ...l, unitId: t.fixture.unitA }));
    const run = { ...runOf(lines), provinceCode: 'T1' };
    const dict = new LineDictionaryBuilder();
    const stored = lines.map((l: RunLine) => {
      const packed = JSON.parse(packLine(l, dict)) as PackedRunLine;
      if (packed.computed && l.field === 'JUSTICE_CIVIL_STATUS') packed.computed = { formulaVersion: OLD_VERSION, ...OLD_FIGURES };
      // Same version, a figure the recomputation does not give: tampering, or a formula change without a bump.
      if (packed.computed && l.field === 'LAND') packed.computed.requiredStaff += 1;
      return {
        unitId: l.unitId,
        field: l.field,
        status: l.status,
        requiredStaff: packed.computed?.requiredStaff ?? null,
        actualStaff: l.input.actualStaff,
        difference: packed.computed?.difference ?? null,
        ratio: packed.computed?.ratio ?? null,
        line: JSON.stringify(packed),
      };
    });
    runId = await insertRun(
      t.database.db,
      {
        provinceCode: 'T1',
        year: run.year,
        periodFrom: run.periodFrom,
        periodTo: run.periodTo,
        formulaVersion: OLD_VERSION,
        createdAt: '2026-03-01T03:00:00.000Z',
        createdBy: null,
        note: null,
        notes: '[]',
        rulesUsed: JSON.stringify(run.rulesUsed),
        calendar: JSON.stringify(run.calendar),
        totals: JSON.stringify(run.totals),
        lineDictionary: dict.toJSON(),
      },
      stored,
    );
  });
  afterAll(async () => t?.close());

  it('shows the stored figures and inputs with a translated "trace not available" flag instead of failing', async () => {
    const vi = await get(lineUrl('JUSTICE_CIVIL_STATUS'));
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain(`Không có diễn giải từng bước: dòng này được tính theo phiên bản công thức ${OLD_VERSION}.`);
    // The stored headline, not a recomputation, and no trace of this build's formulas.
    expect(vi.body).toContain(formatNumber(OLD_FIGURES.requiredStaff, 'vi', 2));
    expect(vi.body).toContain(formatNumber(OLD_FIGURES.difference, 'vi', 2));
    expect(vi.body).not.toContain('RequiredStaff = A_req × CAF + IAF');
    expect(vi.body).not.toContain('Công thức không nhận dữ liệu');
    // The inputs are all there.
    expect(vi.body).toContain('Thủ tục JUSTICE_CIVIL_STATUS');
    expect(vi.body).toContain('name="service.0.annualWorkload" value="6000"');
    expect(Buffer.byteLength(vi.body)).toBeLessThan(50_000);

    const en = await get(lineUrl('JUSTICE_CIVIL_STATUS'), 'en');
    expect(en.body).toContain(`Trace not available: computed with formula version ${OLD_VERSION}.`);
    const id = await get(lineUrl('JUSTICE_CIVIL_STATUS'), 'id');
    expect(id.body).toContain(`Jejak perhitungan tidak tersedia: dihitung dengan versi rumus ${OLD_VERSION}.`);
  });

  it('gives the flag and the stored figures through the API; current lines carry no flag', async () => {
    const res = await t.app.inject({
      url: `/api/v1/staffing/runs/${runId}/lines/${t.fixture.unitA}/JUSTICE_CIVIL_STATUS`,
      headers: { authorization: user('province_analyst').bearer },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { line: RunLine };
    expect(body.line.result).toBeNull();
    expect(body.line.traceUnavailable).toEqual({ formulaVersion: OLD_VERSION, ...OLD_FIGURES });
    expect(body.line.input.actualStaff).toBe(2);
    const current = await t.app.inject({
      url: `/api/v1/staffing/runs/${runId}/lines/${t.fixture.unitA}/CULTURE_INFORMATION`,
      headers: { authorization: user('province_analyst').bearer },
    });
    expect(current.statusCode).toBe(200);
    const line = (current.json() as { line: RunLine }).line;
    expect(line.traceUnavailable).toBeUndefined();
    expect(line.result?.formulaVersion).toBe(WISN_FORMULA_VERSION);
  });

  it('still refuses a line whose stored figures differ under the same formula version', async () => {
    const res = await get(lineUrl('LAND'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(formatNumber(7.25, 'vi', 2));
  });
});
