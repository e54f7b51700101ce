import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG } from '../../../platform/rules/defaults/training.config.ts';
import { DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG } from '../../../platform/rules/defaults/training-needs.config.ts';
import { setRule } from '../../../platform/rules/rules.ts';
import { type FitSeed, seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { courseBody } from '../training.fixtures.ts';

type Factor = { factor: string; value: number; source: string; detail: Record<string, unknown> };
type Need = {
  kind: string;
  competencyCode: string | null;
  courseCode: string | null;
  notAssessed: boolean;
  gap: number | null;
  weight: number;
  factors: Factor[];
  candidateCourses: { code: string; raisesToLevel: number }[];
};
type Person = { staffId: number; unitId: number; totalWeight: number; needs: Need[] };
type Aggregate = { key: string; label: string; people: number; needs: number; notAssessed: number; totalWeight: number };

/**
 * Fit fixture (position-fit.fixtures.ts) in commune A: staffA (P.JUSTICE, T.LAW assessed 2 of 3),
 * lan (meets P.JUSTICE), hung (P.CLERK, T.LAW 1 never assessed); in commune B: staffB (P.CLERK,
 * never assessed). Every position has the field JUSTICE_CIVIL_STATUS; P.CLERK is a SUPPORT position.
 * The province sets notAssessedLevel 0, priority 2 for commune A and a mandatory programme
 * M.ETHICS for SUPPORT positions. Expected, with P = pressure of the unit's JUSTICE line in the
 * fixture's run (min(2, 1 + max(0, 1 − ratio))):
 *   staffA: T.LAW gap 1 × GENERAL 1 × P_A × 2;  hung: T.LAW (1 − 0) × 1 × P_A × 2, M.ETHICS 3 × 2 = 6;
 *   staffB: T.LAW 1 × 1 × P_B × 1, M.ETHICS 3;  lan: none.
 */
describe.each(testDialects())('training needs over HTTP on %s', (dialect) => {
  let t: TestApp;
  let s: FitSeed;
  let pressureA = 0;
  let pressureB = 0;
  let ratioA = 0;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const byId = (items: Person[], id: number) => items.find((p) => p.staffId === id);
  const pressureOf = (ratio: number) => Math.min(2, 1 + Math.max(0, 1 - ratio));

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const f = t.fixture;
    s = await seedFit(t.database.db, f);
    const meta = { actor: null, requestId: null, at: NOW, provinceCode: 'T1' };
    const unitA = await t.database.db.selectFrom('administrativeUnits').select('code').where('id', '=', f.unitA).executeTakeFirstOrThrow();
    await setRule(t.database.db, meta, {
      key: 'training.needWeights',
      provinceCode: 'T1',
      value: {
        ...DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG,
        version: 'T1-2026',
        effectiveFrom: '2026-01-01',
        notAssessedLevel: 0,
        unitPriorities: [{ unitCode: unitA.code, priority: 2 }],
      },
      effectiveFrom: '2026-01-01',
      sourceNote: 'Kế hoạch thử của tỉnh',
    });
    await setRule(t.database.db, meta, {
      key: 'training.mandatoryCourses',
      provinceCode: 'T1',
      value: {
        ...DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
        version: 'T1-2026',
        courses: [{ courseCode: 'M.ETHICS', ranks: [], positionGroups: ['SUPPORT'], everyYears: null }],
      },
      effectiveFrom: '2026-01-01',
      sourceNote: 'Quyết định thử của tỉnh',
    });
    // Two courses raise T.LAW: to 3 (closes staffA's and hung's gaps) and to 2 (not enough for level 3).
    for (const [code, level] of [
      ['C.LAW3', 3],
      ['C.LAW2', 2],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/training/courses',
        headers: { authorization: user('province_admin').bearer, 'content-type': 'application/json' },
        payload: JSON.stringify(courseBody(code, { competencies: [{ competencyCode: 'T.LAW', raisesToLevel: level }] })),
      });
      expect(res.statusCode).toBe(201);
    }
    const run = (await api('province_analyst', `/api/v1/staffing/runs/${f.staffingRun}`)).json() as {
      lines: { unitId: number; field: string; result: { ratio: { value: number } | null } | null }[];
    };
    const ratio = (unitId: number) =>
      run.lines.find((l) => l.unitId === unitId && l.field === 'JUSTICE_CIVIL_STATUS')?.result?.ratio?.value;
    ratioA = ratio(f.unitA) as number;
    pressureA = pressureOf(ratioA);
    pressureB = pressureOf(ratio(f.unitB) as number);
  });
  afterAll(async () => t?.close());

  it('weights each need by gap × criticality × pressure × unit priority, with every factor and its source', async () => {
    expect(ratioA).toBeLessThan(1);
    const res = await api('province_analyst', '/api/v1/training/needs');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: Person[]; run: { id: number } | null; rules: { key: string; version: string }[] };
    expect(body.run?.id).toBe(t.fixture.staffingRun);
    expect(body.rules.map((r) => [r.key, r.version])).toEqual([
      ['training.needWeights', 'T1-2026'],
      ['training.mandatoryCourses', 'T1-2026'],
    ]);
    const staffA = byId(body.items, s.staffA);
    expect(staffA?.needs).toHaveLength(1);
    const need = staffA?.needs[0];
    expect(need).toMatchObject({ kind: 'COMPETENCY', competencyCode: 'T.LAW', gap: 1, notAssessed: false });
    expect(need?.weight).toBeCloseTo(1 * 1 * pressureA * 2, 10);
    expect(need?.factors.map((f) => [f.factor, f.source])).toEqual([
      ['GAP', 'ASSESSED'],
      ['CRITICALITY', 'RULE_GROUP'],
      ['PRESSURE', 'WISN_RUN'],
      ['UNIT_PRIORITY', 'RULE_UNIT'],
    ]);
    expect(need?.factors[0]?.detail).toMatchObject({ required: 3, assessed: 2, assessedFrom: 'CAMPAIGN' });
    expect(need?.factors[2]?.detail).toMatchObject({ runId: t.fixture.staffingRun, ratio: ratioA, field: 'JUSTICE_CIVIL_STATUS' });
    // Only the course that reaches the required level 3 is a candidate.
    expect(need?.candidateCourses.map((c) => [c.code, c.raisesToLevel])).toEqual([['C.LAW3', 3]]);

    const hung = byId(body.items, s.hung);
    expect(hung?.needs.map((n) => [n.kind, n.competencyCode ?? n.courseCode, n.notAssessed])).toEqual([
      ['MANDATORY', 'M.ETHICS', false],
      ['COMPETENCY', 'T.LAW', true],
    ]);
    expect(hung?.needs[0]?.weight).toBe(6);
    expect(hung?.needs[1]?.weight).toBeCloseTo(1 * pressureA * 2, 10);
    expect(hung?.totalWeight).toBeCloseTo(6 + 2 * pressureA, 10);
    expect(byId(body.items, s.lan)?.needs).toEqual([]);
    const staffB = byId(body.items, s.staffB);
    expect(staffB?.totalWeight).toBeCloseTo(3 + pressureB, 10);
    // Most in need first.
    const weights = body.items.map((p) => p.totalWeight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(body.items[0]?.staffId).toBe(s.hung);
  });

  it('filters by field and competency, and pages the people', async () => {
    const law = (await api('province_analyst', '/api/v1/training/needs?competency=T.LAW')).json() as { total: number; items: Person[] };
    expect(law.items.every((p) => p.needs.every((n) => n.competencyCode === 'T.LAW'))).toBe(true);
    expect(law.items.map((p) => p.staffId).sort()).toEqual([s.staffA, s.hung, s.staffB].sort());
    const none = (await api('province_analyst', '/api/v1/training/needs?field=LAND')).json() as { total: number };
    expect(none.total).toBe(0);
    const all = (await api('province_analyst', '/api/v1/training/needs?pageSize=100')).json() as { total: number; items: Person[] };
    const second = (await api('province_analyst', '/api/v1/training/needs?pageSize=1&page=2')).json() as { total: number; items: Person[] };
    expect(second.total).toBe(all.total);
    expect(second.items.map((p) => p.staffId)).toEqual([all.items[1]?.staffId]);
    expect((await api('province_analyst', '/api/v1/training/needs?unitId=abc')).statusCode).toBe(400);
  });

  it('keeps unit roles to their own unit (404 for another)', async () => {
    const own = (await api('unit_hr_a', '/api/v1/training/needs')).json() as { unitId: number; items: Person[] };
    expect(own.unitId).toBe(t.fixture.unitA);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((p) => p.unitId === t.fixture.unitA)).toBe(true);
    const other = await api('unit_hr_a', `/api/v1/training/needs?unitId=${t.fixture.unitB}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('UNIT_NOT_FOUND');
    expect((await api('unit_leader_b', `/api/v1/training/needs/summary?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
    const b = (await api('unit_leader_b', '/api/v1/training/needs/summary')).json() as { byUnit: Aggregate[] };
    expect(b.byUnit.map((r) => Number(r.key))).toEqual([t.fixture.unitB]);
  });

  it('aggregates people, needs and weight by unit, field, competency and mandatory programme', async () => {
    const res = await api('province_admin', '/api/v1/training/needs/summary');
    expect(res.statusCode).toBe(200);
    const sum = res.json() as {
      peopleWithNeeds: number;
      needs: number;
      totalWeight: number;
      byUnit: Aggregate[];
      byField: Aggregate[];
      byCompetency: Aggregate[];
      byMandatoryCourse: Aggregate[];
    };
    const expectedA = 2 * pressureA + 6 + 2 * pressureA;
    const expectedB = 3 + pressureB;
    expect(sum.peopleWithNeeds).toBe(3);
    expect(sum.needs).toBe(5);
    expect(sum.totalWeight).toBeCloseTo(expectedA + expectedB, 10);
    const unitA = sum.byUnit.find((r) => Number(r.key) === t.fixture.unitA);
    expect(unitA).toMatchObject({ people: 2, needs: 3, notAssessed: 1 });
    expect(unitA?.totalWeight).toBeCloseTo(expectedA, 10);
    expect(sum.byField).toHaveLength(1);
    expect(sum.byField[0]).toMatchObject({ key: 'JUSTICE_CIVIL_STATUS', people: 3, needs: 5 });
    expect(sum.byCompetency.map((r) => [r.key, r.label, r.people, r.needs, r.notAssessed])).toEqual([['T.LAW', 'Năng lực T.LAW', 3, 3, 2]]);
    expect(sum.byMandatoryCourse.map((r) => [r.key, r.people, r.totalWeight])).toEqual([['M.ETHICS', 2, 9]]);
  });

  it('documents both endpoints in OpenAPI with the weighting formula', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    for (const path of ['/api/v1/training/needs', '/api/v1/training/needs/summary']) {
      const op = doc.paths[path].get;
      expect(op.description).toContain('gap × criticality × workload pressure × unit priority');
      expect(op.description).toContain('training.needWeights');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    }
  });

  it('renders the page: filters as a GET form, a chart, tables, and each official’s needs explained on their own view', async () => {
    const res = await page('unit_hr_a', '/training/needs?competency=T.LAW');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<form method="get" action="/training/needs"');
    expect(html).toContain('Nhu cầu đào tạo, bồi dưỡng theo vị trí việc làm');
    expect(html).toContain('<svg');
    // The list names each need; the explanations open on the official's own view (the page's size budget).
    expect(html).not.toContain('Khoảng thiếu hụt 1 = mức yêu cầu 3 − mức đánh giá 2');
    const staffIds = [...html.matchAll(/href="\/training\/needs\?staffId=(\d+)"/g)].map((m) => m[1]);
    expect(staffIds).toHaveLength(2);
    const views = await Promise.all(staffIds.map((id) => page('unit_hr_a', `/training/needs?competency=T.LAW&staffId=${id}`)));
    const one = views.map((v) => v.body).join('\n');
    expect(one).toContain('<details>');
    expect(one).toContain('Khoảng thiếu hụt 1 = mức yêu cầu 3 − mức đánh giá 2');
    expect(one).toContain('C.LAW3');
    // Unit roles get no "whole province" choice and never see commune B's people.
    expect(html).not.toContain('Toàn tỉnh');
    expect(html).not.toContain('Phạm Thị Hoa');
    expect((await page('unit_hr_a', `/training/needs?unitId=${t.fixture.unitB}`)).statusCode).toBe(404);
    const en = await t.app.inject({ url: '/training/needs', headers: { cookie: `${user('province_analyst').cookie}; cadre_lang=en` } });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Training needs by job position');
  });
});
