import { createHash } from 'node:crypto';
import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError, type FieldProblem } from '../../../../platform/errors/app-error.ts';
import { type Locale, translator } from '../../../../platform/i18n/index.ts';
import { getRule } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { positionGroupLabel } from '../../../positions/positions.labels.ts';
import {
  advance,
  type CampaignStatus,
  campaignLockedError,
  expectTransition,
  lock,
  normaliseInstruments,
  periodProblems,
  regimeForYear,
  reopen,
  type Transition,
} from '../campaign-workflow.ts';
import * as repo from '../campaigns.repository.ts';
import type {
  CampaignDetail,
  CampaignList,
  CampaignListQuery,
  CampaignScope,
  CampaignView,
  CreateCampaignBody,
  PageQuery,
  ParticipantList,
  SnapshotList,
  SnapshotView,
} from '../campaigns.schemas.ts';
import { NO_POSITION_GROUP, type QuotaBreach, quotaBreaches } from '../lock-quota.ts';

export type CampaignsDeps = { db: Db; clock: Clock };

/** The day of the review year whose rule versions apply (the regime config's own reference day is 31 December too). */
const referenceDate = (year: number) => `${String(year).padStart(4, '0')}-12-31`;

const view = (c: repo.CampaignRow): CampaignView => {
  const { provinceCode: _p, ...rest } = c;
  return { ...rest, scope: c.scope as CampaignView['scope'] };
};

/**
 * A campaign the actor may read. Province roles reach their province's campaigns; unit roles
 * reach campaigns their unit owns, and province campaigns with a participant in their unit,
 * seen through their unit only (`restrictTo`). Anything else answers 404 (audited as refused).
 */
async function loadForRead(db: Db, actor: Actor, id: number): Promise<{ campaign: repo.CampaignRow; restrictTo: number | null }> {
  const campaign = await repo.findCampaign(db, id);
  if (!campaign) throw new AppError('REVIEW_CAMPAIGN_NOT_FOUND');
  if (campaign.provinceCode !== actor.provinceCode) throw AppError.denied('REVIEW_CAMPAIGN_NOT_FOUND');
  if (!isUnitRole(actor.role)) return { campaign, restrictTo: null };
  if (actor.unitId !== null && campaign.ownerUnitId === actor.unitId) return { campaign, restrictTo: null };
  if (actor.unitId !== null && campaign.ownerUnitId === null && (await repo.hasParticipantInUnit(db, id, actor.unitId)))
    return { campaign, restrictTo: actor.unitId };
  throw AppError.denied('REVIEW_CAMPAIGN_NOT_FOUND');
}

/** A campaign the actor may run: unit roles only their own unit's (a province campaign they can see is 403). */
async function loadForManage(db: Db, actor: Actor, id: number): Promise<repo.CampaignRow> {
  const { campaign } = await loadForRead(db, actor, id);
  if (isUnitRole(actor.role) && campaign.ownerUnitId !== actor.unitId) throw new AppError('FORBIDDEN');
  return campaign;
}

const pageOf = (q: PageQuery) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

export async function listCampaigns(deps: CampaignsDeps, actor: Actor, query: CampaignListQuery): Promise<CampaignList> {
  const unitId = isUnitRole(actor.role) ? (actor.unitId ?? -1) : null;
  const { rows, total } = await repo.listCampaigns(
    deps.db,
    actor.provinceCode,
    { year: query.year, status: query.status, unitId },
    pageOf(query),
  );
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

export async function getCampaign(deps: CampaignsDeps, actor: Actor, id: number): Promise<CampaignDetail> {
  const { campaign, restrictTo } = await loadForRead(deps.db, actor, id);
  return { ...view(campaign), counts: await repo.campaignCounts(deps.db, id, restrictTo) };
}

export async function listCampaignParticipants(deps: CampaignsDeps, actor: Actor, id: number, query: PageQuery): Promise<ParticipantList> {
  const { restrictTo } = await loadForRead(deps.db, actor, id);
  const { rows, total } = await repo.listParticipants(deps.db, id, restrictTo, pageOf(query));
  return {
    items: rows.map((r) => ({
      id: r.id,
      staffId: r.staffId,
      fullName: r.fullName,
      unit: { id: r.unitId, name: r.unitName },
      orgBody: r.orgBodyId !== null ? { id: r.orgBodyId, name: r.orgBodyName ?? String(r.orgBodyId) } : null,
      position: r.positionCode !== null ? { id: r.positionId, code: r.positionCode, name: r.positionName } : null,
      positionGroup: r.positionGroup,
      selfSubmittedAt: r.selfSubmittedAt,
      supervisorSubmittedAt: r.supervisorSubmittedAt,
      councilDecidedAt: r.councilDecidedAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---------------------------------------------------------------- creation

/** One assignment per person: a position over none, then the latest start, then the latest row. */
function onePerPerson(rows: readonly repo.ResolvedStaff[]): repo.ResolvedStaff[] {
  const best = new Map<number, repo.ResolvedStaff>();
  const better = (a: repo.ResolvedStaff, b: repo.ResolvedStaff) =>
    (a.positionId !== null) !== (b.positionId !== null)
      ? a.positionId !== null
      : a.startDate !== b.startDate
        ? a.startDate > b.startDate
        : a.assignmentId > b.assignmentId;
  for (const r of rows) {
    const seen = best.get(r.staffId);
    if (!seen || better(r, seen)) best.set(r.staffId, r);
  }
  return [...best.values()].sort((a, b) => a.staffId - b.staffId);
}

/** The units a scope names must exist in the actor's province, and be the actor's own unit for unit roles. */
async function checkUnits(db: Db, actor: Actor, unitIds: readonly number[]): Promise<void> {
  const units = new Map((await repo.findUnits(db, unitIds)).map((u) => [u.id, u]));
  for (const id of unitIds) {
    const unit = units.get(id);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    if (unit.provinceCode !== actor.provinceCode) throw AppError.denied('UNIT_NOT_FOUND');
    if (isUnitRole(actor.role) && id !== actor.unitId) throw AppError.denied('UNIT_NOT_FOUND');
  }
}

function withoutKind(scope: CampaignScope): Record<string, unknown> {
  const { kind: _kind, ...rest } = scope;
  return rest;
}

function normaliseScope(scope: CampaignScope): CampaignScope {
  const uniq = <T extends number | string>(xs: readonly T[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (scope.kind === 'UNITS') return { kind: 'UNITS', unitIds: uniq(scope.unitIds) };
  if (scope.kind === 'PEOPLE') return { kind: 'PEOPLE', staffIds: uniq(scope.staffIds) };
  return {
    kind: 'POSITIONS',
    positionCodes: uniq(scope.positionCodes),
    ...(scope.unitIds ? { unitIds: uniq(scope.unitIds) } : {}),
  };
}

/**
 * Opens a campaign: checks the period and the regime of the year, resolves the participants
 * (staff with a current assignment matching the scope, within the actor's reach), copies each
 * one's unit, body, position and group, and opens the rows of the chosen instruments (one
 * competency row per required competency, one evaluation per person). One transaction, audited.
 */
export async function createCampaign(
  deps: CampaignsDeps,
  actor: Actor,
  body: CreateCampaignBody,
  meta: AuditMeta,
  locale: Locale,
): Promise<CampaignDetail> {
  const period = periodProblems(body.year, body.periodFrom, body.periodTo);
  if (period.length > 0) throw new AppError('REVIEW_CAMPAIGN_PERIOD_INVALID', {}, period);
  const regimeConfig = await getRule(deps.db, 'review.regime', actor.provinceCode, referenceDate(body.year));
  const regime = regimeForYear(regimeConfig, body.year);
  if (!regime) throw new AppError('REVIEW_CAMPAIGN_NO_REGIME', { year: body.year });

  const scope = normaliseScope(body.scope);
  const unitIds = scope.kind === 'PEOPLE' ? [] : (scope.unitIds ?? []);
  await checkUnits(deps.db, actor, unitIds);
  const reachUnitId = isUnitRole(actor.role) ? (actor.unitId ?? -1) : null;
  const people = onePerPerson(
    await repo.resolveScope(deps.db, actor.provinceCode, {
      unitIds,
      positionCodes: scope.kind === 'POSITIONS' ? scope.positionCodes : undefined,
      staffIds: scope.kind === 'PEOPLE' ? scope.staffIds : undefined,
      reachUnitId,
    }),
  );
  if (scope.kind === 'PEOPLE') {
    const found = new Set(people.map((p) => p.staffId));
    const t = translator(locale);
    const missing: FieldProblem[] = scope.staffIds.flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `scope.staffIds.${i}`, message: `${id}: ${t('reviewCampaigns.scope.notResolved')}` }],
    );
    if (missing.length > 0) throw new AppError('REVIEW_CAMPAIGN_SCOPE_INVALID', {}, missing);
  }
  if (people.length === 0) throw new AppError('REVIEW_CAMPAIGN_SCOPE_EMPTY');

  const instruments = normaliseInstruments(body.instruments);
  const versions = new Set(people.flatMap((p) => (p.positionVersionId !== null ? [p.positionVersionId] : [])));
  const frameworkVersionId = versions.size === 1 ? ([...versions][0] ?? null) : null;
  const ownerUnitId = isUnitRole(actor.role) ? actor.unitId : null;

  const id = await audited(deps.db, meta, 'review.campaign.create', 'review_campaign', async (trx) => {
    const campaignId = await repo.insertCampaign(trx, {
      provinceCode: actor.provinceCode,
      ownerUnitId,
      name: body.name,
      year: body.year,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      regime,
      instruments,
      scopeKind: scope.kind,
      scope: withoutKind(scope),
      frameworkVersionId,
      createdAt: meta.at,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    const participantIds = await repo.insertParticipants(
      trx,
      actor.provinceCode,
      campaignId,
      people.map((p) => ({
        staffId: p.staffId,
        unitId: p.unitId,
        orgBodyId: p.orgBodyId,
        positionId: p.positionId,
        positionCode: p.positionCode,
        positionGroup: p.positionGroup,
      })),
    );
    let competencyRows = 0;
    if (instruments.includes('COMPETENCY')) {
      const positionIds = [...new Set(people.flatMap((p) => (p.positionId !== null ? [p.positionId] : [])))];
      const byPosition = new Map<number, { competencyCode: string; requiredLevel: number }[]>();
      for (const r of await repo.requirementsOf(trx, positionIds)) {
        const list = byPosition.get(r.positionId) ?? [];
        list.push({ competencyCode: r.competencyCode, requiredLevel: r.requiredLevel });
        byPosition.set(r.positionId, list);
      }
      const rows = people.flatMap((p) => {
        const participantId = participantIds.get(p.staffId);
        if (participantId === undefined || p.positionId === null) return [];
        return (byPosition.get(p.positionId) ?? []).map((r) => ({ participantId, ...r }));
      });
      await repo.insertCompetencyLevels(trx, actor.provinceCode, rows, meta.at);
      competencyRows = rows.length;
    }
    if (instruments.includes('ANNUAL_EVALUATION'))
      await repo.insertEvaluations(trx, actor.provinceCode, [...participantIds.values()], regime, meta.at);
    return {
      result: campaignId,
      entityId: campaignId,
      after: {
        name: body.name,
        year: body.year,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        regime,
        instruments,
        scope,
        ownerUnitId,
        participants: people.length,
        competencyRows,
      },
    };
  });
  return getCampaign(deps, actor, id);
}

// ---------------------------------------------------------------- transitions

/** Locked first (the clearest answer), then the caller's version, then the stage. */
function decide(fresh: repo.CampaignRow, expectedVersion: number, t: Transition): CampaignStatus {
  if (!t.ok && t.refusal === 'LOCKED') throw campaignLockedError();
  if (fresh.version !== expectedVersion) throw new AppError('VERSION_CONFLICT');
  return expectTransition(t);
}

async function freshCampaign(trx: Db, id: number): Promise<repo.CampaignRow> {
  const fresh = await repo.findCampaign(trx, id);
  if (!fresh) throw new AppError('REVIEW_CAMPAIGN_NOT_FOUND');
  return fresh;
}

/** One stage forward (OPEN → SELF_ASSESSMENT → SUPERVISOR_REVIEW → COUNCIL); a stale version is 409. */
export async function advanceCampaign(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
  expectedVersion: number,
  meta: AuditMeta,
): Promise<CampaignDetail> {
  await loadForManage(deps.db, actor, id);
  await audited(deps.db, meta, 'review.campaign.advance', 'review_campaign', async (trx) => {
    const fresh = await freshCampaign(trx, id);
    const next = decide(fresh, expectedVersion, advance(fresh.status));
    if (!(await repo.updateCampaignStatus(trx, id, expectedVersion, { status: next }))) throw new AppError('VERSION_CONFLICT');
    return {
      result: null,
      entityId: id,
      before: { status: fresh.status, version: fresh.version },
      after: { status: next, version: fresh.version + 1 },
    };
  });
  return getCampaign(deps, actor, id);
}

function quotaError(breaches: readonly QuotaBreach[], units: Map<number, string>, bodies: Map<number, string>, locale: Locale): AppError {
  const t = translator(locale);
  const problems = breaches.map((b) => {
    const agency = (b.agency.kind === 'BODY' ? bodies : units).get(b.agency.id) ?? `${b.agency.kind} ${b.agency.id}`;
    const group = b.positionGroup === NO_POSITION_GROUP ? '—' : positionGroupLabel(t, b.positionGroup);
    return {
      path: `${b.agency.kind === 'BODY' ? 'orgBody' : 'unit'}:${b.agency.id}/${b.positionGroup}`,
      message: t('reviewCampaigns.quotaGroup', {
        agency,
        group,
        excellent: b.excellentCount,
        allowed: b.allowed,
        good: b.goodCount,
      }),
    };
  });
  return new AppError('REVIEW_CAMPAIGN_EXCELLENT_QUOTA', { count: breaches.length }, problems);
}

/**
 * The excellent-quota parameters of a campaign's regime in force for its year: Decree 90 years
 * keep their own cap (Decree 48/2023), Decree 335 years the 20%-of-Good rule. The lock, the
 * results API and the dashboard all judge by this one.
 */
export async function excellentQuotaOf(db: Db, provinceCode: string, campaign: { regime: string; year: number }) {
  const onDate = referenceDate(campaign.year);
  return campaign.regime === 'DECREE_90'
    ? getRule(db, 'review.decree90', provinceCode, onDate).then((c) => ({ ...c.excellentCap, version: c.version }))
    : getRule(db, 'review.excellentQuota', provinceCode, onDate);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Locks a campaign in COUNCIL: the excellent quota of its regime (config in force for the year) is checked
 * per agency and position group on the final ratings, and any group over it refuses the lock
 * (409, one detail per group). Otherwise the campaign is LOCKED and a snapshot of everything
 * stored for it is written with its SHA-256, in the same audited transaction.
 */
export async function lockCampaign(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
  expectedVersion: number,
  meta: AuditMeta,
  locale: Locale,
): Promise<CampaignDetail> {
  const campaign = await loadForManage(deps.db, actor, id);
  const quota = await excellentQuotaOf(deps.db, actor.provinceCode, campaign);
  await audited(deps.db, meta, 'review.campaign.lock', 'review_campaign', async (trx) => {
    const fresh = await freshCampaign(trx, id);
    const next = decide(fresh, expectedVersion, lock(fresh.status));
    const breaches = quotaBreaches(quota, await repo.ratedParticipants(trx, id));
    if (breaches.length > 0) {
      const [units, bodies] = await Promise.all([
        repo.unitNames(
          trx,
          breaches.filter((b) => b.agency.kind === 'UNIT').map((b) => b.agency.id),
        ),
        repo.bodyNames(
          trx,
          breaches.filter((b) => b.agency.kind === 'BODY').map((b) => b.agency.id),
        ),
      ]);
      throw quotaError(breaches, units, bodies, locale);
    }
    const takenBy = actor.via === 'system' ? null : actor.userId;
    if (!(await repo.updateCampaignStatus(trx, id, expectedVersion, { status: next, lockedAt: meta.at, lockedBy: takenBy })))
      throw new AppError('VERSION_CONFLICT');
    const sequence = (await repo.lastSnapshotSequence(trx, id)) + 1;
    const payload = JSON.stringify(await repo.snapshotContent(trx, id));
    const digest = sha256(payload);
    await repo.insertSnapshot(trx, {
      provinceCode: fresh.provinceCode,
      campaignId: id,
      sequence,
      takenAt: meta.at,
      takenBy,
      payload,
      sha256: digest,
    });
    return {
      result: null,
      entityId: id,
      before: { status: fresh.status, version: fresh.version },
      after: { status: next, version: fresh.version + 1, snapshot: { sequence, sha256: digest }, quotaConfig: quota.version },
    };
  });
  return getCampaign(deps, actor, id);
}

/** LOCKED → COUNCIL with a reason (≥ 10 characters after trimming); audited with the reason. */
export async function reopenCampaign(
  deps: CampaignsDeps,
  actor: Actor,
  id: number,
  input: { reason: string; expectedVersion: number },
  meta: AuditMeta,
): Promise<CampaignDetail> {
  await loadForManage(deps.db, actor, id);
  await audited(deps.db, meta, 'review.campaign.reopen', 'review_campaign', async (trx) => {
    const fresh = await freshCampaign(trx, id);
    const next = expectTransition(reopen(fresh.status, input.reason));
    if (fresh.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
    if (
      !(await repo.updateCampaignStatus(trx, id, input.expectedVersion, { status: next, lockedAt: null, lockedBy: null, reopened: true }))
    )
      throw new AppError('VERSION_CONFLICT');
    return {
      result: null,
      entityId: id,
      before: { status: fresh.status, version: fresh.version, reopenCount: fresh.reopenCount, lockedAt: fresh.lockedAt },
      after: { status: next, version: fresh.version + 1, reopenCount: fresh.reopenCount + 1, reason: input.reason.trim() },
    };
  });
  return getCampaign(deps, actor, id);
}

// ---------------------------------------------------------------- snapshots

/**
 * Writes the next snapshot of a campaign exactly as `lockCampaign` does (the stored rows
 * through the same payload builder, JSON, SHA-256), for a caller that already holds the
 * transaction and has set the campaign LOCKED itself: the demo seed's completed campaign.
 */
export async function writeCampaignSnapshot(
  trx: Db,
  s: { provinceCode: string; campaignId: number; takenAt: string; takenBy: number | null },
): Promise<{ sequence: number; sha256: string }> {
  const sequence = (await repo.lastSnapshotSequence(trx, s.campaignId)) + 1;
  const payload = JSON.stringify(await repo.snapshotContent(trx, s.campaignId));
  // The same digest as sha256(payload); hashing the UTF-8 bytes is several times faster on a
  // payload of many megabytes (the demo's 1,400 participants make about 15 MB).
  const digest = createHash('sha256').update(Buffer.from(payload, 'utf8')).digest('hex');
  await repo.insertSnapshot(trx, { ...s, sequence, payload, sha256: digest });
  return { sequence, sha256: digest };
}

export async function listCampaignSnapshots(deps: CampaignsDeps, actor: Actor, id: number): Promise<SnapshotList> {
  await loadForRead(deps.db, actor, id);
  return { items: await repo.listSnapshots(deps.db, id) };
}

/**
 * One snapshot with its payload, exactly as hashed. The payload holds every unit's
 * participants, so unit roles reading a province campaign are refused (403).
 */
export async function getCampaignSnapshot(deps: CampaignsDeps, actor: Actor, id: number, sequence: number): Promise<SnapshotView> {
  const { restrictTo } = await loadForRead(deps.db, actor, id);
  if (restrictTo !== null) throw new AppError('FORBIDDEN');
  const s = await repo.findSnapshot(deps.db, id, sequence);
  if (!s) throw new AppError('REVIEW_SNAPSHOT_NOT_FOUND');
  return s;
}
