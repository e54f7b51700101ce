import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import { type Locale, type MessageKey, translator } from '../../../platform/i18n/index.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { formToBody, problemField } from '../course-form.ts';
import { safeParseTranslated, translateProblems } from '../course-input.ts';
import { COLUMNS, readCoursesXlsx, writeCoursesXlsx } from '../course-xlsx.ts';
import { checkCourse, checkCourseCode } from '../courses.ts';
import * as repo from '../training.repository.ts';
import { CourseCreateBodySchema, type CourseCreateInput, type CourseListQuery } from '../training.schemas.ts';
import type { TrainingDeps } from './deps.ts';
import { frameworkCompetencies } from './read-courses.ts';
import { toContent } from './write-courses.ts';

/** At most this many courses in one file: a province catalogue holds a few hundred. */
export const MAX_IMPORT_ROWS = 2000;

/** The catalogue (filtered as the list is) as an XLSX workbook, in Vietnamese order. */
export async function exportCourses(deps: TrainingDeps, actor: Actor, query: Omit<CourseListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const rows = await repo.listCourses(deps.db, actor.provinceCode, {
    q: query.q,
    contentType: query.contentType,
    mode: query.mode,
    competency: query.competency,
    status: query.status === 'ALL' ? undefined : query.status,
  });
  return writeCoursesXlsx(sortByText(rows, (r) => r.nameVi, 'vi'));
}

const HEADER = new Map<string, string>(COLUMNS.map(([key, header]) => [key, header]));

/**
 * Imports new courses from a workbook in the export layout, all or nothing: every row is
 * checked (schema, catalogue rules, codes repeated in the file or already in the catalogue,
 * competencies of the framework in force, prerequisites within the catalogue and the file,
 * without cycles) and any problem refuses the whole file with one entry per row and column
 * (422 TRAINING_IMPORT_INVALID). With `dryRun` nothing is written either way. The rows
 * commit in one transaction with one audit entry.
 */
export async function importCourses(
  deps: TrainingDeps,
  actor: Actor,
  file: Buffer | null,
  opts: { dryRun: boolean },
  meta: AuditMeta,
  locale: Locale,
): Promise<{ committed: boolean; rows: number; codes: string[] }> {
  const t = translator(locale);
  const refuse = (problems: FieldProblem[]) => new AppError('TRAINING_IMPORT_INVALID', {}, problems);
  if (!file) throw refuse([{ path: t('training.import.file'), message: t('training.import.MISSING') }]);
  const read = await readCoursesXlsx(file, MAX_IMPORT_ROWS);
  if (!read.ok) {
    throw refuse(
      read.problems.map((p) => ({
        path: p.row > 0 ? t('training.import.where', { row: p.row, column: p.column }) : t('training.import.file'),
        message: t(`training.import.${p.reason}` as MessageKey, { max: MAX_IMPORT_ROWS }),
      })),
    );
  }
  const today = domainToday(deps.clock.now());
  const where = (row: number, path: string) => t('training.import.where', { row, column: HEADER.get(problemField(path)) ?? path });
  const problems: FieldProblem[] = [];
  const parsed: { row: number; input: CourseCreateInput }[] = [];
  for (const { row, values } of read.rows) {
    const result = safeParseTranslated(CourseCreateBodySchema, formToBody(values, 'create'), locale);
    if (!result.ok) problems.push(...result.problems.map((p) => ({ path: where(row, p.path), message: p.message })));
    else parsed.push({ row, input: result.data });
  }
  const [library, existing] = await Promise.all([
    frameworkCompetencies(deps, actor, today),
    repo.listPrerequisiteGraph(deps.db, actor.provinceCode),
  ]);
  const codes = library === null ? null : new Set(library.map((c) => c.code));
  const taken = new Set(existing.map((c) => c.code));
  const graph = [...existing, ...parsed.map((p) => ({ code: p.input.code, prerequisites: p.input.prerequisites }))];
  const firstRow = new Map<string, number>();
  for (const { row, input } of parsed) {
    const seen = firstRow.get(input.code);
    if (seen !== undefined)
      problems.push({ path: where(row, 'code'), message: t('training.import.codeRepeated', { code: input.code, row: seen }) });
    else firstRow.set(input.code, row);
    if (taken.has(input.code)) problems.push({ path: where(row, 'code'), message: t('training.import.codeTaken', { code: input.code }) });
    const found = [
      ...checkCourseCode(input.code),
      ...checkCourse(
        { code: input.code, ...toContent(input, input.effectiveFrom ?? today) },
        { competencyCodes: codes, otherCourses: graph.filter((g) => g.code !== input.code) },
      ),
    ];
    problems.push(...translateProblems(found, locale).map((p) => ({ path: where(row, p.path), message: p.message })));
  }
  if (problems.length > 0) throw refuse(problems);
  const imported = parsed.map((p) => p.input.code);
  if (opts.dryRun) return { committed: false, rows: parsed.length, codes: imported };
  await audited(deps.db, meta, 'training.course.import', 'training_course', async (trx) => {
    // Re-checked inside the transaction: a course created since the check must not be duplicated.
    const now = new Set((await repo.listPrerequisiteGraph(trx, actor.provinceCode)).map((c) => c.code));
    const clash = imported.find((c) => now.has(c));
    if (clash) throw new AppError('TRAINING_COURSE_CODE_TAKEN', { code: clash });
    for (const { input } of parsed) {
      await repo.insertCourse(
        trx,
        actor.provinceCode,
        input.code,
        toContent(input, input.effectiveFrom ?? today),
        meta.at,
        actor.userId || null,
      );
    }
    return { result: null, entityId: null, after: { rows: parsed.length, codes: imported } };
  });
  return { committed: true, rows: parsed.length, codes: imported };
}
