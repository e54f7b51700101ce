import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { groupBy } from '../../../../platform/collections/group-by.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { getRules, type RuleInForce, type RuleKey } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { DOMAIN_TIME_ZONE, domainToday } from '../../../../platform/time/format.ts';
import { loadCalendarEntries } from '../../../calendar/use-cases/load-calendar.ts';
import { addDays, zonedInstant } from '../../../calendar/zoned-time.ts';
import { addMonths, type CampaignLevel, evaluateFit, type TestLevel } from '../../../position-fit/fit.ts';
import { PLACEHOLDER_MINUTES } from '../../standards/standard-defaults.ts';
import { standardInForce } from '../../standards/standard-in-force.ts';
import * as standardsRepo from '../../standards/standards.repository.ts';
import { ensurePlaceholderStandards } from '../../standards/use-cases/standards.ts';
import { WISN_FORMULA_VERSION } from '../../wisn.ts';
import { buildLines, calendarFigures, type Expertise, periodDays, type StandardUsed, splitWorkload } from '../build-lines.ts';
import type { CreateRunBody, RunLine, RunLineFilter, RunNote, RunSummary, StaffingRun, WisnStatus } from '../run.schemas.ts';
import * as repo from '../runs.repository.ts';
import { fromStoredLine, LineDictionaryBuilder, packLine, parseDictionary } from '../stored-line.ts';

/**
 * `readDb`: where a new run reads its year of dossiers and staff (the analytics connection: SQLite's
 * read threads or the PostgreSQL replica); without it, `db`. On SQLite's main connection those reads
 * ran synchronously, holding every other request of the process for their whole length.
 */
export type RunDeps = { db: Db; readDb?: Db; clock: Clock };

/** A period longer than this is refused: workload is annualised, never averaged over years. */
export const MAX_PERIOD_DAYS = 366;
/** The list shows the latest runs only. */
export const RUN_LIST_LIMIT = 200;

const RULE_KEYS = ['staffing.leavePolicy', 'staffing.wisnStandards', 'review.positionGrace'] as const satisfies readonly RuleKey[];

/**
 * The dossier period: as given, or the 12 months before today (yesterday back to the same day a
 * year earlier), shortened to start at the province's first received dossier. Refused: a start
 * after the end or more than 366 days (400 STAFFING_RUN_PERIOD_INVALID), an end after today
 * (400 STAFFING_RUN_PERIOD_FUTURE).
 */
export function resolvePeriod(
  body: Pick<CreateRunBody, 'periodFrom' | 'periodTo'>,
  today: string,
  firstDossierOn: string | null,
): { from: string; to: string } {
  const to = body.periodTo ?? addDays(today, -1);
  let from = body.periodFrom;
  if (from === undefined) {
    from = addMonths(to, -12);
    from = addDays(from, 1);
    if (firstDossierOn !== null && firstDossierOn > from && firstDossierOn <= to) from = firstDossierOn;
  }
  if (to > today) throw new AppError('STAFFING_RUN_PERIOD_FUTURE');
  if (from > to || periodDays(from, to) > MAX_PERIOD_DAYS) throw new AppError('STAFFING_RUN_PERIOD_INVALID');
  return { from, to };
}

const ruleUsed = (r: RuleInForce<RuleKey>, version: string, fallbackFrom: string) => ({
  key: r.key,
  version,
  effectiveFrom: r.effectiveFrom ?? fallbackFrom,
  sourceNote: r.sourceNote,
});

/**
 * Expertise per unit × category: fit to position (position-fit's pure evaluateFit) of every
 * current professional placement, from locked campaigns, tests and completed classes (training
 * evidence), each read once for the whole province.
 */
async function expertiseOf(db: Db, provinceCode: string, today: string, graceMonthsRead: Promise<number>): Promise<Map<string, Expertise>> {
  const [placements, levels, tests, trainings, graceMonths] = await Promise.all([
    repo.cadrePlacements(db, provinceCode, today),
    repo.lockedLevels(db, provinceCode, today),
    repo.cadreTests(db, provinceCode, today),
    repo.cadreTrainingEvidence(db, provinceCode, today),
    graceMonthsRead,
  ]);
  const [requirements, names] = await Promise.all([
    repo.positionRequirements(
      db,
      placements.map((p) => p.positionId),
    ),
    repo.competencyNames(
      db,
      placements.map((p) => p.versionId),
    ),
  ]);
  // A province has a few campaigns but thousands of level rows: their lock day is computed once
  // per campaign (domainToday formats through Intl, ≈ 20 µs a call: 11,000 calls cost 0.2 s).
  const lockedOn = new Map<string, string>();
  for (const l of levels) if (!lockedOn.has(l.lockedAt)) lockedOn.set(l.lockedAt, domainToday(new Date(l.lockedAt)));
  const levelsBy = groupBy(levels, (r) => r.staffId);
  const testsBy = groupBy(tests, (r) => r.staffId);
  const trainingsBy = groupBy(trainings, (r) => r.staffId);
  const reqBy = groupBy(
    requirements,
    (r) => r.positionId,
    (r) => ({ competencyCode: r.competencyCode, level: r.level }),
  );

  type Acc = { staff: Set<number>; notMeeting: Set<number>; gaps: Map<string, Set<number>> };
  const acc = new Map<string, Acc>();
  for (const p of placements) {
    const key = `${p.unitId}:${p.field}`;
    const a = acc.get(key) ?? { staff: new Set(), notMeeting: new Set(), gaps: new Map() };
    acc.set(key, a);
    const campaignLevels: CampaignLevel[] = (levelsBy.get(p.staffId) ?? []).map((l) => ({
      competencyCode: l.competencyCode,
      campaignId: l.campaignId,
      campaignName: l.campaignName,
      lockedOn: lockedOn.get(l.lockedAt) as string,
      selfLevel: l.selfLevel,
      supervisorLevel: l.supervisorLevel,
      councilLevel: l.councilLevel,
    }));
    const testLevels: TestLevel[] = testsBy.get(p.staffId) ?? [];
    const fit = evaluateFit({
      person: p,
      position: { ...p, requirements: reqBy.get(p.positionId) ?? [] },
      campaignLevels,
      tests: testLevels,
      trainings: trainingsBy.get(p.staffId) ?? [],
      graceMonths,
      today,
    });
    a.staff.add(p.staffId);
    if (fit.meetsPosition !== true) a.notMeeting.add(p.staffId);
    for (const c of fit.competencies) {
      if (c.gap === null || c.gap <= 0) continue;
      const set = a.gaps.get(c.competencyCode) ?? new Set<number>();
      set.add(p.staffId);
      a.gaps.set(c.competencyCode, set);
    }
  }
  const out = new Map<string, Expertise>();
  for (const [key, a] of acc) {
    out.set(key, {
      placed: a.staff.size,
      notMeeting: a.notMeeting.size,
      gapCompetencies: [...a.gaps]
        .map(([code, set]) => ({ code, name: names.get(code) ?? code, staffBelow: set.size }))
        .sort((x, y) => y.staffBelow - x.staffBelow || (x.code < y.code ? -1 : 1))
        .slice(0, 5),
    });
  }
  return out;
}

type StoredTotals = StaffingRun['totals'];

/** Whether a procedure of the catalogue has a Cadre placeholder standard that is not stored yet. */
export function missingPlaceholders(procedures: readonly { code: string }[], standards: readonly { procedureCode: string }[]): boolean {
  const have = new Set(standards.map((s) => s.procedureCode));
  return procedures.some((p) => !have.has(p.code) && PLACEHOLDER_MINUTES[p.code] !== undefined);
}

function summaryOf(r: repo.RunRow, totals?: StoredTotals): RunSummary {
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    year: r.year,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    formulaVersion: r.formulaVersion,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    note: r.note,
    notes: JSON.parse(r.notes) as RunNote[],
    rulesUsed: JSON.parse(r.rulesUsed) as RunSummary['rulesUsed'],
    totals: totals ?? (JSON.parse(r.totals) as StoredTotals),
  };
}

/**
 * Computes and stores a province WISN run (see build-lines.ts for every rule): reads the
 * grouped dossier counts, staff per unit × category, the holiday calendar of `year`, the
 * rules in force on the period's last day and the service standards in force then (reads run
 * concurrently before the write); missing Cadre placeholder standards are stored in the same
 * audited transaction as the run and its lines. Lines are stored packed (../stored-line.ts:
 * inputs, sources and headline figures, shared texts once per run) and recomputed on read.
 */
export async function createRun(deps: RunDeps, actor: Actor, body: CreateRunBody, meta: AuditMeta): Promise<RunSummary> {
  const now = deps.clock.now();
  const today = domainToday(now);
  const year = body.year ?? Number(today.slice(0, 4));
  const provinceCode = actor.provinceCode;
  const by = actor.via === 'system' ? null : actor.userId;
  // The first dossier only shortens the default period: not read when the start is given.
  const reads = deps.readDb ?? deps.db;
  const first = body.periodFrom === undefined ? await repo.firstReceivedAt(reads, provinceCode) : null;
  const period = resolvePeriod(body, today, first === null ? null : domainToday(new Date(first)));
  const range = {
    from: zonedInstant(period.from, 0, DOMAIN_TIME_ZONE).toISOString(),
    to: zonedInstant(addDays(period.to, 1), 0, DOMAIN_TIME_ZONE).toISOString(),
  };
  // Reads first, concurrently and outside the write transaction (on PostgreSQL a transaction is
  // one connection, so they would queue): a run measures what is committed when it starts.
  const rulesRead = getRules(reads, RULE_KEYS, provinceCode, period.to);
  const [rules, units, workload, procedures, staff, standardRowsBefore, entries, expertise] = await Promise.all([
    rulesRead,
    repo.listRunUnits(reads, provinceCode),
    repo.workloadCounts(reads, provinceCode, range),
    repo.procedureRefs(reads, provinceCode),
    repo.staffCounts(reads, provinceCode, today),
    standardsRepo.listStandardRows(reads, provinceCode),
    loadCalendarEntries({ db: reads }),
    expertiseOf(
      reads,
      provinceCode,
      today,
      rulesRead.then((r) => r['review.positionGrace'].value.graceMonths),
    ),
  ]);
  const { processing, reception } = splitWorkload(workload, procedures);
  // Standards are only ever added (a new row or a correction in place, never a delete), so when
  // the reads already show every placeholder stored, the transaction need not look again.
  const placeholdersMissing = missingPlaceholders(procedures, standardRowsBefore);
  return audited(deps.db, meta, 'staffing.run.create', 'staffing_run', async (trx) => {
    const placeholders = placeholdersMissing ? await ensurePlaceholderStandards(trx, provinceCode, meta.at, by) : 0;
    // Only a province without standards yet pays for a second read, here on the primary: a replica
    // may not show yet the placeholders that another run has just stored.
    const standardRows = placeholdersMissing ? await standardsRepo.listStandardRows(trx, provinceCode) : standardRowsBefore;
    const leave = rules['staffing.leavePolicy'].value;
    const wisn = rules['staffing.wisnStandards'].value;
    const standards = new Map<string, StandardUsed>();
    for (const code of new Set(processing.map((p) => p.procedureCode))) {
      const s = standardInForce(standardRows, code, period.to);
      if (s)
        standards.set(code, {
          minutesPerDossier: s.minutesPerDossier,
          source: `${s.sourceKind} (standard #${s.id}, from ${s.effectiveFrom}, version ${s.version}): ${s.sourceNote}`,
        });
    }
    const calendar = calendarFigures(
      year,
      entries.map((e) => ({ date: e.date, kind: e.kind, name: e.nameVi })),
    );
    const built = buildLines({
      units,
      processing,
      reception,
      staff,
      standards,
      leave,
      wisn,
      calendar,
      periodFrom: period.from,
      periodTo: period.to,
      expertise,
    });
    const notes = [...built.notes];
    if (placeholders > 0) notes.push({ code: 'PLACEHOLDERS_STORED', params: { count: placeholders } });
    const rulesUsed = [
      ruleUsed(rules['staffing.leavePolicy'], leave.version, leave.effectiveFrom),
      ruleUsed(rules['staffing.wisnStandards'], wisn.version, wisn.effectiveFrom),
    ];
    const createdAt = now.toISOString();
    const dictionary = new LineDictionaryBuilder();
    const lines = built.lines.map((l) => ({
      unitId: l.unitId,
      field: l.field,
      status: l.status,
      requiredStaff: l.result?.requiredStaff.value ?? null,
      actualStaff: l.input.actualStaff,
      difference: l.result?.difference.value ?? null,
      ratio: l.result?.ratio?.value ?? null,
      line: packLine(l, dictionary),
    }));
    const row = {
      provinceCode,
      year,
      periodFrom: period.from,
      periodTo: period.to,
      formulaVersion: WISN_FORMULA_VERSION,
      createdAt,
      createdBy: by,
      note: body.note && body.note.trim() !== '' ? body.note.trim() : null,
      notes: JSON.stringify(notes),
      rulesUsed: JSON.stringify(rulesUsed),
      calendar: JSON.stringify(calendar),
      totals: JSON.stringify(built.totals),
    };
    const id = await repo.insertRun(trx, { ...row, lineDictionary: dictionary.toJSON() }, lines);
    const summary = summaryOf({ id, ...row });
    const after = { year, periodFrom: period.from, periodTo: period.to, totals: built.totals, rulesUsed, placeholders };
    return { result: summary, entityId: id, after };
  });
}

/** Totals a unit role may see: its own unit's lines only (the stored totals are the province's). */
function totalsFromUnitRows(rows: readonly repo.UnitTotalsRow[]): StoredTotals {
  const count = (s: WisnStatus) => rows.filter((r) => r.status === s).reduce((n, r) => n + r.lines, 0);
  const banded = rows.filter((r) => r.status === 'SHORTAGE' || r.status === 'BALANCED' || r.status === 'SURPLUS');
  const lines = rows.reduce((n, r) => n + r.lines, 0);
  return {
    units: lines > 0 ? 1 : 0,
    lines,
    shortage: count('SHORTAGE'),
    balanced: count('BALANCED'),
    surplus: count('SURPLUS'),
    requiredStaff: banded.reduce((s, r) => s + r.requiredStaff, 0),
    actualStaff: banded.reduce((s, r) => s + r.actualStaff, 0),
  };
}

/** Runs of the actor's province, newest first (the latest RUN_LIST_LIMIT); unit roles see their unit's totals. */
export async function listRuns(deps: RunDeps, actor: Actor): Promise<RunSummary[]> {
  const rows = await repo.listRuns(deps.db, actor.provinceCode, RUN_LIST_LIMIT);
  if (!isUnitRole(actor.role)) return rows.map((r) => summaryOf(r));
  const unitRows = await repo.unitTotals(
    deps.db,
    rows.map((r) => r.id),
    actor.unitId ?? -1,
  );
  return rows.map((r) => summaryOf(r, totalsFromUnitRows(unitRows.filter((u) => u.runId === r.id))));
}

/** The run, readable by the actor (its province), else 404 STAFFING_RUN_NOT_FOUND (audited when it exists). */
async function reachableRun(deps: RunDeps, actor: Actor, runId: number): Promise<repo.RunRow> {
  const run = await repo.findRun(deps.db, runId);
  if (!run) throw new AppError('STAFFING_RUN_NOT_FOUND');
  if (run.provinceCode !== actor.provinceCode) throw AppError.denied('STAFFING_RUN_NOT_FOUND');
  return run;
}

/** Unit roles: only their own unit; asking for another unit answers 404 (audited). */
function scopedUnit(actor: Actor, unitId: number | undefined): number | undefined {
  if (!isUnitRole(actor.role)) return unitId;
  if (unitId !== undefined && unitId !== actor.unitId) throw AppError.denied('STAFFING_RUN_LINE_NOT_FOUND');
  return actor.unitId ?? -1;
}

/** A run with its lines, filtered in SQL by unit, category and status (unit roles: their own unit's lines only). */
export async function getRun(deps: RunDeps, actor: Actor, runId: number, filter: RunLineFilter): Promise<StaffingRun> {
  const run = await reachableRun(deps, actor, runId);
  const unitId = scopedUnit(actor, filter.unitId);
  const lines = await repo.listRunLines(deps.db, run.id, { unitId, field: filter.field, status: filter.status });
  const dictionary = parseDictionary(run.lineDictionary);
  let totals: StoredTotals | undefined;
  if (isUnitRole(actor.role)) totals = totalsFromUnitRows(await repo.unitTotals(deps.db, [run.id], unitId ?? -1));
  return {
    ...summaryOf(run, totals),
    calendar: JSON.parse(run.calendar) as StaffingRun['calendar'],
    lines: lines.map((l) => fromStoredLine(l, dictionary)),
  };
}

/** One line of a run (the drill-down). 404 STAFFING_RUN_LINE_NOT_FOUND when the run has none for that unit and category. */
export async function getRunLine(
  deps: RunDeps,
  actor: Actor,
  runId: number,
  unitId: number,
  field: string,
): Promise<{ run: RunSummary; line: RunLine }> {
  const run = await reachableRun(deps, actor, runId);
  scopedUnit(actor, unitId);
  const line = await repo.findRunLine(deps.db, run.id, unitId, field);
  if (line === undefined) throw new AppError('STAFFING_RUN_LINE_NOT_FOUND');
  let totals: StoredTotals | undefined;
  if (isUnitRole(actor.role)) totals = totalsFromUnitRows(await repo.unitTotals(deps.db, [run.id], unitId));
  return { run: summaryOf(run, totals), line: fromStoredLine(line, parseDictionary(run.lineDictionary)) };
}

/** The id of the province's newest run, or null. */
export async function latestRunId(deps: RunDeps, actor: Actor): Promise<number | null> {
  return repo.latestRunId(deps.db, actor.provinceCode);
}

/** Shortage lines of the province's newest run, most short first (for placement); [] without a run. */
export async function latestShortages(deps: RunDeps, actor: Actor) {
  const id = await repo.latestRunId(deps.db, actor.provinceCode);
  if (id === null) return { runId: null, lines: [] };
  const lines = await repo.shortageLines(deps.db, id);
  const unitId = isUnitRole(actor.role) ? actor.unitId : null;
  return { runId: id, lines: unitId === null ? lines : lines.filter((l) => l.unitId === unitId) };
}
