import type { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { REVIEW_RATINGS, type ReviewRating } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import { SCREENING_OUTCOMES } from '../../../../platform/rules/defaults/screening-178.config.ts';
import { PositionListQuerySchema, type PositionSummarySchema } from '../../../positions/positions.schemas.ts';
import { listPositions } from '../../../positions/use-cases/positions.ts';
import { checkExcellentQuota, type QuotaMember } from '../../rules/excellent-quota.ts';
import { bodyNames, unitNames } from '../campaigns.repository.ts';
import type { CampaignDetail } from '../campaigns.schemas.ts';
import * as repo from '../dashboard.repository.ts';
import { finalRating, NO_POSITION_GROUP, quotaGroupKey } from '../lock-quota.ts';
import { type CampaignsDeps, excellentQuotaOf, getCampaign } from './campaigns.ts';

/**
 * The campaign results dashboard and exports (issue 4 §7), and what the set-up form offers.
 * Scoped like the campaign itself (getCampaign decides who may read it); unit roles reading a
 * province campaign see their unit's participants only, and province roles may narrow the
 * dashboard to one unit.
 */

export type RatingCounts = Record<ReviewRating | 'UNRATED', number>;
export type DistributionLine = { key: string | null; name: string | null; counts: RatingCounts; total: number };

export type QuotaFlag = {
  agency: { kind: 'UNIT' | 'BODY'; id: number; name: string };
  positionGroup: string;
  goodCount: number;
  excellentCount: number;
  allowed: number;
  violates: boolean;
};

export type GapLine = repo.GapRow & { nameVi: string | null; nameEn: string | null };

export type Dashboard = {
  campaign: CampaignDetail;
  /** The unit every figure is limited to (null: the whole campaign). */
  unitId: number | null;
  /** Whether the reader may choose a unit (province roles, or a unit role on its own unit's campaign with several units). */
  canFilter: boolean;
  units: { id: number; name: string; n: number }[];
  participants: number;
  byUnit: DistributionLine[];
  byBody: DistributionLine[];
  byField: DistributionLine[];
  screening: { outcome: string | null; n: number }[];
  gaps: GapLine[];
  quota: QuotaFlag[];
  quotaConfigVersion: string;
};

/** How many competencies the gap ranking shows. */
export const GAP_TOP = 10;

const collator = new Intl.Collator('vi');
const emptyCounts = (): RatingCounts => ({ EXCELLENT: 0, GOOD: 0, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 0 });

/** Folds (key, rating columns, count) rows into one line per key, largest groups first. */
export function foldDistribution(rows: readonly repo.RatingCountRow[]): DistributionLine[] {
  const lines = new Map<string, DistributionLine>();
  for (const r of rows) {
    const id = r.key ?? '';
    const line = lines.get(id) ?? { key: r.key, name: r.name, counts: emptyCounts(), total: 0 };
    line.counts[finalRating(r) ?? 'UNRATED'] += r.n;
    line.total += r.n;
    lines.set(id, line);
  }
  return [...lines.values()].sort(
    (a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || b.total - a.total || collator.compare(a.name ?? '', b.name ?? ''),
  );
}

/** The campaign as the actor may read it, and the unit its figures are limited to. */
export async function readableCampaign(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
): Promise<{ campaign: CampaignDetail; restrictTo: number | null }> {
  const campaign = await getCampaign(deps, actor, id);
  // getCampaign refuses whatever the actor may not read; a unit role reaching a province campaign sees its unit only.
  const restrictTo = isUnitRole(actor.role) && campaign.ownerUnitId === null ? actor.unitId : null;
  return { campaign, restrictTo };
}

function pickUnit(restrictTo: number | null, requested: number | undefined, units: readonly { id: number }[]): number | null {
  if (restrictTo !== null) return restrictTo;
  if (requested === undefined) return null;
  if (!units.some((u) => u.id === requested)) throw new AppError('UNIT_NOT_FOUND');
  return requested;
}

async function quotaFlags(deps: CampaignsDeps, campaign: CampaignDetail, provinceCode: string, unitId: number | null) {
  const params = await excellentQuotaOf(deps.db, provinceCode, campaign);
  const groups = new Map<string, { unitId: number; orgBodyId: number | null; positionGroup: string; good: number; excellent: number }>();
  for (const r of await repo.quotaCounts(deps.db, campaign.id, unitId)) {
    const rating = finalRating(r);
    // Rated participants make the group exist; only Good and Excellent enter the quota's counts.
    if (rating === null) continue;
    const positionGroup = r.positionGroup ?? NO_POSITION_GROUP;
    const key = quotaGroupKey(r);
    const g = groups.get(key) ?? { unitId: r.unitId, orgBodyId: r.orgBodyId, positionGroup, good: 0, excellent: 0 };
    if (rating === 'GOOD') g.good += r.n;
    if (rating === 'EXCELLENT') g.excellent += r.n;
    groups.set(key, g);
  }
  const [units, bodies] = await Promise.all([
    unitNames(
      deps.db,
      [...groups.values()].filter((g) => g.orgBodyId === null).map((g) => g.unitId),
    ),
    bodyNames(
      deps.db,
      [...groups.values()].flatMap((g) => (g.orgBodyId !== null ? [g.orgBodyId] : [])),
    ),
  ]);
  const flags: QuotaFlag[] = [];
  for (const g of groups.values()) {
    // The same check the lock runs (rules/excellent-quota.ts), fed from counts: only Good and Excellent matter to it.
    const members: QuotaMember[] = [
      ...Array.from({ length: g.excellent }, (): QuotaMember => ({ personId: '', rating: 'EXCELLENT' })),
      ...Array.from({ length: g.good }, (): QuotaMember => ({ personId: '', rating: 'GOOD' })),
    ];
    const q = checkExcellentQuota(params, { members, outstandingUnit: false });
    const agency =
      g.orgBodyId !== null
        ? { kind: 'BODY' as const, id: g.orgBodyId, name: bodies.get(g.orgBodyId) ?? String(g.orgBodyId) }
        : { kind: 'UNIT' as const, id: g.unitId, name: units.get(g.unitId) ?? String(g.unitId) };
    flags.push({
      agency,
      positionGroup: g.positionGroup,
      goodCount: q.goodCount,
      excellentCount: q.excellentCount,
      allowed: q.allowedExcellent,
      violates: q.violates,
    });
  }
  flags.sort(
    (a, b) =>
      Number(b.violates) - Number(a.violates) ||
      collator.compare(a.agency.name, b.agency.name) ||
      a.positionGroup.localeCompare(b.positionGroup),
  );
  return { flags, version: params.version };
}

/** The results dashboard: distributions by unit, body and field, screening outcomes, the gap ranking and the quota flags. */
export async function campaignDashboard(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
  filter: { unitId?: number | undefined },
): Promise<Dashboard> {
  // The unit list is read beside the access check (a read whose result is dropped if access is refused).
  const [{ campaign, restrictTo }, units] = await Promise.all([readableCampaign(deps, actor, id), repo.participantUnits(deps.db, id)]);
  const allUnits = units.sort((a, b) => collator.compare(a.name, b.name));
  const unitId = pickUnit(restrictTo, filter.unitId, allUnits);
  const [unitRows, bodyRows, fieldRows, screening, gaps, quota] = await Promise.all([
    repo.ratingCounts(deps.db, id, unitId, 'unit'),
    repo.ratingCounts(deps.db, id, unitId, 'body'),
    repo.ratingCounts(deps.db, id, unitId, 'field'),
    repo.screeningCounts(deps.db, id, unitId),
    repo.gapRanking(deps.db, id, unitId, GAP_TOP),
    quotaFlags(deps, campaign, actor.provinceCode, unitId),
  ]);
  const names = await repo.competencyNames(
    deps.db,
    actor.provinceCode,
    gaps.map((g) => g.competencyCode),
    campaign.frameworkVersionId,
  );
  const byUnit = foldDistribution(unitRows);
  const order = (o: string | null) => (o === null ? SCREENING_OUTCOMES.length : (SCREENING_OUTCOMES as readonly string[]).indexOf(o));
  return {
    campaign,
    unitId,
    canFilter: restrictTo === null && allUnits.length > 1,
    units: restrictTo === null ? allUnits : allUnits.filter((u) => u.id === restrictTo),
    participants: byUnit.reduce((s, l) => s + l.total, 0),
    byUnit,
    byBody: foldDistribution(bodyRows),
    byField: foldDistribution(fieldRows),
    screening: screening.sort((a, b) => order(a.outcome) - order(b.outcome)),
    gaps: gaps.map((g) => ({
      ...g,
      nameVi: names.get(g.competencyCode)?.nameVi ?? null,
      nameEn: names.get(g.competencyCode)?.nameEn ?? null,
    })),
    quota: quota.flags,
    quotaConfigVersion: quota.version,
  };
}

/** Rows one export may hold: XLSX takes a province's campaign whole; the PDF is a printable list. */
export const XLSX_ROW_BOUND = 150_000;
export const PDF_ROW_BOUND = 3_000;

export type ResultsExport = {
  dashboard: Dashboard;
  rows: (repo.ExportRow & { finalRating: ReviewRating | null })[];
  /** Participants in scope (rows may be fewer when the bound cuts the list). */
  total: number;
};

/** Everything an export holds: one row per participant (bounded) and the dashboard's distributions. */
export async function resultsExport(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
  filter: { unitId?: number | undefined },
  bound: number,
): Promise<ResultsExport> {
  const dashboard = await campaignDashboard(deps, actor, id, filter);
  const { rows, total } = await repo.exportRows(deps.db, id, dashboard.unitId, bound);
  return { dashboard, rows: rows.map((r) => ({ ...r, finalRating: finalRating(r) })), total };
}

// ---------------------------------------------------------------- set-up form

export type PositionOption = z.infer<typeof PositionSummarySchema>;

/** What the set-up form offers: the units the actor reaches and the positions of the catalogue in force. */
export async function setUpOptions(
  deps: CampaignsDeps,
  actor: Actor,
): Promise<{ units: { id: number; code: string; name: string; kind: string }[]; positions: PositionOption[] }> {
  const units = await repo.reachableUnits(deps.db, actor.provinceCode, isUnitRole(actor.role) ? (actor.unitId ?? -1) : null);
  let positions: PositionOption[] = [];
  try {
    positions = (await listPositions(deps, actor, PositionListQuerySchema.parse({}))).items;
  } catch (e) {
    // No catalogue in force yet: the form offers units and people only.
    if (!(e instanceof AppError) || e.code !== 'FRAMEWORK_VERSION_NOT_FOUND') throw e;
  }
  return { units, positions };
}

/** Citizen ID numbers are 12 digits (9 for the old identity cards); anything shorter is a staff id. */
export function classifyPersonKey(line: string): { kind: 'citizenId'; value: string } | { kind: 'staffId'; value: number } | null {
  const v = line.trim();
  if (/^\d{9}$|^\d{12}$/.test(v)) return { kind: 'citizenId', value: v };
  if (/^\d{1,8}$/.test(v) && Number(v) > 0) return { kind: 'staffId', value: Number(v) };
  return null;
}

/**
 * Turns the form's "one per line" list into staff ids of the actor's province. Lines that are
 * neither, or name nobody, come back as problems (line number and text), and nothing is created.
 */
export async function resolvePeople(
  deps: CampaignsDeps,
  actor: Actor,
  lines: readonly string[],
): Promise<{ staffIds: number[]; problems: { line: number; text: string; reason: 'FORMAT' | 'NOT_FOUND' }[] }> {
  const keys = lines.map((l, i) => ({ line: i + 1, text: l.trim(), key: classifyPersonKey(l) })).filter((k) => k.text !== '');
  // Unit roles look up their own unit's staff only, so the form does not reveal who works elsewhere.
  const found = await repo.findStaffByKeys(deps.db, actor.provinceCode, isUnitRole(actor.role) ? (actor.unitId ?? -1) : null, {
    citizenIds: keys.flatMap((k) => (k.key?.kind === 'citizenId' ? [k.key.value] : [])),
    staffIds: keys.flatMap((k) => (k.key?.kind === 'staffId' ? [k.key.value] : [])),
  });
  const byCitizen = new Map(found.map((s) => [s.citizenId, s.id]));
  const byId = new Set(found.map((s) => s.id));
  const staffIds: number[] = [];
  const problems: { line: number; text: string; reason: 'FORMAT' | 'NOT_FOUND' }[] = [];
  for (const k of keys) {
    if (!k.key) {
      problems.push({ line: k.line, text: k.text, reason: 'FORMAT' });
      continue;
    }
    const id = k.key.kind === 'citizenId' ? byCitizen.get(k.key.value) : byId.has(k.key.value) ? k.key.value : undefined;
    if (id === undefined) problems.push({ line: k.line, text: k.text, reason: 'NOT_FOUND' });
    else staffIds.push(id);
  }
  return { staffIds: [...new Set(staffIds)], problems };
}

export { REVIEW_RATINGS };
