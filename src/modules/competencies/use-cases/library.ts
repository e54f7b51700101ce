import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Locale } from '../../../platform/i18n/define.ts';
import type { CompetencyListQuery, CompetencyListResponse, CompetencyView } from '../competencies.schemas.ts';
import * as repo from '../framework.repository.ts';
import { type ImportProblem, rawFromJson, validateFramework } from '../framework-import.ts';
import { rawFromXlsx } from '../framework-xlsx.ts';
import { type FrameworkDeps, importRefusal, insertFramework, resolveVersion, type VersionRow } from './versions.ts';

export async function listCompetencies(deps: FrameworkDeps, actor: Actor, query: CompetencyListQuery): Promise<CompetencyListResponse> {
  const version = await resolveVersion(deps, actor, query);
  const items = await repo.listCompetencies(deps.db, actor.provinceCode, version.id, { group: query.group, q: query.q });
  return { version, items };
}

export async function getCompetency(deps: FrameworkDeps, actor: Actor, id: number): Promise<CompetencyView> {
  const found = await repo.findCompetency(deps.db, id);
  if (!found) throw new AppError('COMPETENCY_NOT_FOUND');
  if (found.provinceCode !== actor.provinceCode) throw AppError.denied('COMPETENCY_NOT_FOUND');
  const { provinceCode: _p, ...competency } = found;
  return competency;
}

/**
 * Imports a framework (the JSON document, or an XLSX workbook as bytes) as a new DRAFT
 * version. Every row is validated first; any problem refuses the whole file with a report
 * (422 FRAMEWORK_INVALID) and nothing is written.
 */
export async function importFramework(
  deps: FrameworkDeps,
  actor: Actor,
  body: unknown,
  meta: AuditMeta,
  locale: Locale,
): Promise<VersionRow> {
  if (Buffer.isBuffer(body)) {
    const read = await rawFromXlsx(body);
    if (!read.ok) throw importRefusal(read.problems, locale);
    const checked = validateFramework(read.raw);
    // A formula cell is reported once, as a formula, not again as the value it failed to give.
    const at = (p: ImportProblem) => `${p.sheet}\u0000${p.row}\u0000${p.column}`;
    const seen = new Set(read.problems.map(at));
    const problems = [...read.problems, ...(checked.ok ? [] : checked.problems.filter((p) => !seen.has(at(p))))];
    if (problems.length > 0 || !checked.ok) throw importRefusal(problems, locale);
    return insertFramework(deps.db, actor, checked.document, 'DRAFT', meta);
  }
  const checked = validateFramework(rawFromJson(body));
  if (!checked.ok) throw importRefusal(checked.problems, locale);
  return insertFramework(deps.db, actor, checked.document, 'DRAFT', meta);
}
