import type { TestApp } from '../../../../test/support/fixture.ts';
import { DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG } from '../../../platform/rules/defaults/training.config.ts';
import { DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG } from '../../../platform/rules/defaults/training-needs.config.ts';
import { setRule } from '../../../platform/rules/rules.ts';
import { seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { courseBody } from '../training.fixtures.ts';

/**
 * The plan tests' scenario on the fit fixture (see needs.http.test.ts): province T1's need
 * weights and the mandatory programme M.ETHICS for support posts, and the two courses C.LAW3
 * (raises T.LAW to 3) and M.ETHICS, created through the API by the province administrator.
 */
export async function seedPlanScenario(t: TestApp, at: string): Promise<void> {
  await seedFit(t.database.db, t.fixture);
  const meta = { actor: null, requestId: null, at, provinceCode: 'T1' };
  await setRule(t.database.db, meta, {
    key: 'training.needWeights',
    provinceCode: 'T1',
    value: { ...DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG, version: 'T1-2026', effectiveFrom: '2026-01-01', notAssessedLevel: 0 },
    effectiveFrom: '2026-01-01',
    sourceNote: 'thử',
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
    sourceNote: 'thử',
  });
  const admin = t.fixture.users.province_admin;
  if (!admin) throw new Error('no fixture user province_admin');
  for (const payload of [
    courseBody('C.LAW3', { competencies: [{ competencyCode: 'T.LAW', raisesToLevel: 3 }], minClassSize: 1 }),
    courseBody('M.ETHICS', { minClassSize: 1 }),
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/training/courses',
      headers: { authorization: admin.bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    if (res.statusCode !== 201) throw new Error(`course ${payload.code} not created: ${res.statusCode} ${res.body}`);
  }
}
