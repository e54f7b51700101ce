import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { OPEN_ELIGIBILITY } from './courses.ts';
import {
  type CourseContent,
  courseCodeExists,
  findCourse,
  findCourseByCode,
  insertCourse,
  listCourses,
  listPrerequisiteGraph,
  retireCourse,
  updateCourse,
} from './training.repository.ts';

const NOW = '2026-03-02T03:00:00.000Z';

function content(over: Partial<CourseContent> = {}): CourseContent {
  return {
    nameVi: 'Bồi dưỡng quản lý nhà nước',
    nameEn: 'State management',
    contentType: 'STATE_MANAGEMENT',
    mode: 'IN_PERSON',
    provider: 'Trường Chính trị tỉnh',
    location: 'Huế',
    durationDays: 10,
    sessions: [{ days: 5, note: 'Đợt 1' }, { days: 5 }],
    classCapacity: 50,
    minClassSize: 20,
    costPerClass: 1_900_000_000,
    costPerParticipant: 2_500_000,
    fundingSource: 'STATE_BUDGET',
    prerequisites: [],
    eligibility: OPEN_ELIGIBILITY,
    competencies: [{ competencyCode: 'GEN.STATE_MGMT', raisesToLevel: 3 }],
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    ...over,
  };
}

describe.each(testDialects())('training repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let db: Db;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    db = h.db;
    await db
      .insertInto('provinces')
      .values([
        { code: 'T1', name: 'Tỉnh Một', createdAt: NOW },
        { code: 'T2', name: 'Tỉnh Hai', createdAt: NOW },
      ])
      .execute();
  });
  afterAll(async () => h?.close());

  it('inserts a course and reads it back with the same shapes on both dialects', async () => {
    ids.qlnn = await insertCourse(db, 'T1', 'BD.QLNN', content(), NOW, null);
    const c = await findCourse(db, ids.qlnn);
    expect(c).toEqual({
      id: ids.qlnn,
      provinceCode: 'T1',
      code: 'BD.QLNN',
      ...content(),
      status: 'ACTIVE',
      version: 1,
      createdAt: NOW,
      createdBy: null,
      updatedAt: NOW,
      updatedBy: null,
    });
  });

  it('keeps codes unique per province, not across provinces', async () => {
    await expect(insertCourse(db, 'T1', 'BD.QLNN', content(), NOW, null)).rejects.toMatchObject({ code: 'TRAINING_COURSE_CODE_TAKEN' });
    ids.other = await insertCourse(db, 'T2', 'BD.QLNN', content({ nameVi: 'Khóa của tỉnh hai' }), NOW, null);
    expect(await courseCodeExists(db, 'T1', 'BD.QLNN')).toBe(true);
    expect(await courseCodeExists(db, 'T1', 'BD.NONE')).toBe(false);
    expect((await findCourseByCode(db, 'T2', 'BD.QLNN'))?.id).toBe(ids.other);
  });

  it('refuses a minimum class size above the capacity in the database too', async () => {
    await expect(insertCourse(db, 'T1', 'BD.BAD', content({ minClassSize: 60 }), NOW, null)).rejects.toThrow();
    expect(await courseCodeExists(db, 'T1', 'BD.BAD')).toBe(false);
  });

  it('filters by words without diacritics, content type, mode, competency and status', async () => {
    ids.cds = await insertCourse(
      db,
      'T1',
      'DT.CDS',
      content({
        nameVi: 'Kỹ năng số cho công chức',
        nameEn: 'Digital skills',
        contentType: 'DIGITAL_INNOVATION',
        mode: 'ONLINE',
        prerequisites: ['BD.QLNN'],
        competencies: [
          { competencyCode: 'DIG.1', raisesToLevel: 2 },
          { competencyCode: 'DIG.3', raisesToLevel: 3 },
        ],
      }),
      NOW,
      null,
    );
    const codes = async (f: Parameters<typeof listCourses>[2]) => (await listCourses(db, 'T1', f)).map((c) => c.code).sort();
    expect(await codes({})).toEqual(['BD.QLNN', 'DT.CDS']);
    expect(await codes({ q: 'KY NANG so' })).toEqual(['DT.CDS']);
    expect(await codes({ q: 'digital' })).toEqual(['DT.CDS']);
    expect(await codes({ q: 'bd.qlnn' })).toEqual(['BD.QLNN']);
    expect(await codes({ q: '100%' })).toEqual([]);
    expect(await codes({ contentType: 'STATE_MANAGEMENT' })).toEqual(['BD.QLNN']);
    expect(await codes({ mode: 'ONLINE' })).toEqual(['DT.CDS']);
    expect(await codes({ competency: 'DIG.3' })).toEqual(['DT.CDS']);
    expect(await codes({ competency: 'GEN.STATE_MGMT' })).toEqual(['BD.QLNN']);
    const listed = await listCourses(db, 'T1', { competency: 'DIG.1' });
    expect(listed[0]?.competencies).toEqual([
      { competencyCode: 'DIG.1', raisesToLevel: 2 },
      { competencyCode: 'DIG.3', raisesToLevel: 3 },
    ]);
    expect((await listCourses(db, 'T2', {})).map((c) => c.nameVi)).toEqual(['Khóa của tỉnh hai']);
  });

  it('lists the prerequisite graph of a province', async () => {
    const graph = (await listPrerequisiteGraph(db, 'T1')).sort((a, b) => a.code.localeCompare(b.code));
    expect(graph).toEqual([
      { id: ids.qlnn, code: 'BD.QLNN', nameVi: 'Bồi dưỡng quản lý nhà nước', prerequisites: [] },
      { id: ids.cds, code: 'DT.CDS', nameVi: 'Kỹ năng số cho công chức', prerequisites: ['BD.QLNN'] },
    ]);
  });

  it('updates under the version it read, replacing the competencies; a stale version changes nothing', async () => {
    const next = content({ costPerClass: 70_000_000, competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 4 }] });
    await updateCourse(db, ids.qlnn as number, 1, next, 'BD.QLNN', 'T1', '2026-03-03T00:00:00.000Z', null);
    const c = await findCourse(db, ids.qlnn as number);
    expect(c).toMatchObject({ costPerClass: 70_000_000, version: 2, updatedAt: '2026-03-03T00:00:00.000Z', createdAt: NOW });
    expect(c?.competencies).toEqual([{ competencyCode: 'GEN.LAW', raisesToLevel: 4 }]);
    await expect(updateCourse(db, ids.qlnn as number, 1, content(), 'BD.QLNN', 'T1', NOW, null)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect((await findCourse(db, ids.qlnn as number))?.costPerClass).toBe(70_000_000);
  });

  it('retires under the version it read; a retired course is neither retired again nor updated', async () => {
    await retireCourse(db, ids.cds as number, 1, '2026-06-30', NOW, null);
    expect(await findCourse(db, ids.cds as number)).toMatchObject({ status: 'RETIRED', effectiveTo: '2026-06-30', version: 2 });
    await expect(retireCourse(db, ids.cds as number, 2, '2026-07-01', NOW, null)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(updateCourse(db, ids.cds as number, 2, content(), 'DT.CDS', 'T1', NOW, null)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect((await listCourses(db, 'T1', { status: 'ACTIVE' })).map((c) => c.code)).toEqual(['BD.QLNN']);
    expect((await listCourses(db, 'T1', { status: 'RETIRED' })).map((c) => c.code)).toEqual(['DT.CDS']);
  });
});
