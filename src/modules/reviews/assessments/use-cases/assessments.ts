import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { AppError, type FieldProblem } from '../../../../platform/errors/app-error.ts';
import type { Decree90Config } from '../../../../platform/rules/defaults/reviews-90.config.ts';
import type { Decree335Config } from '../../../../platform/rules/defaults/reviews-335.config.ts';
import type { ReviewRating, ReviewRegime } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import { type Decree90Input, decree90InputProblems, levelDecree90 } from '../../rules/decree-90.ts';
import { type Decree335Input, decree335InputProblems, scoreDecree335 } from '../../rules/decree-335.ts';
import { type CriterionInput, screen178, screening178InputProblems } from '../../rules/screening-178.ts';
import { assembleLookBack, finalLevel, finalRating, type LevelLine, positionGap } from '../assessment-logic.ts';
import * as repo from '../assessments.repository.ts';
import type {
  AssessmentSheet,
  CouncilBody,
  EvaluationInput,
  LevelInput,
  SelfAssessmentBody,
  SupervisorReviewBody,
} from '../assessments.schemas.ts';
import {
  type AssessmentDeps,
  assertCanRead,
  assertOwner,
  assertReviewer,
  assertStage,
  type Loaded,
  loadParticipant,
  reviewConfigsForYear,
} from './access.ts';

const regimeOf = (c: repo.CampaignRow): ReviewRegime => (c.regime === 'DECREE_90' ? 'DECREE_90' : 'DECREE_335');

const parseJson = <T>(json: string | null): T | null => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
};

const invalid = (problems: FieldProblem[]) => new AppError('ASSESSMENT_INVALID', {}, problems);

/** Unknown or repeated competency codes and levels outside 1–5. */
function levelProblems(levels: readonly LevelInput[], known: readonly repo.LevelRow[], path = 'levels'): FieldProblem[] {
  const codes = new Set(known.map((k) => k.competencyCode));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  levels.forEach((l, i) => {
    const at = `${path}.${i}`;
    if (!codes.has(l.competencyCode)) problems.push({ path: `${at}.competencyCode`, message: `UNKNOWN_COMPETENCY ${l.competencyCode}` });
    else if (seen.has(l.competencyCode)) problems.push({ path: `${at}.competencyCode`, message: `DUPLICATE ${l.competencyCode}` });
    seen.add(l.competencyCode);
    if (!Number.isInteger(l.level) || l.level < 1 || l.level > 5) problems.push({ path: `${at}.level`, message: 'LEVEL_1_TO_5' });
  });
  return problems;
}

type CheckedEvaluation = { kind: 'DECREE_335'; input: Decree335Input } | { kind: 'DECREE_90'; input: Decree90Input };

/** The evaluation input must be of the campaign's regime and pass the rule's own input check. */
function evaluationProblems(
  campaign: repo.CampaignRow,
  input: EvaluationInput,
  configs: { decree335: Decree335Config; decree90: Decree90Config },
): { problems: FieldProblem[]; checked: CheckedEvaluation | null } {
  if (!campaign.instruments.includes('ANNUAL_EVALUATION')) {
    return { problems: [{ path: 'evaluation', message: 'NOT_AN_INSTRUMENT_OF_THIS_CAMPAIGN' }], checked: null };
  }
  if (regimeOf(campaign) === 'DECREE_335') {
    if (!('periods' in input)) return { problems: [{ path: 'evaluation', message: 'DECREE_335_INPUT_EXPECTED' }], checked: null };
    const problems = decree335InputProblems(configs.decree335, input).map((message) => ({ path: 'evaluation', message }));
    return { problems, checked: problems.length ? null : { kind: 'DECREE_335', input } };
  }
  if (!('judgedLevel' in input)) return { problems: [{ path: 'evaluation', message: 'DECREE_90_INPUT_EXPECTED' }], checked: null };
  const problems = decree90InputProblems(input).map((message) => ({ path: 'evaluation', message }));
  return { problems, checked: problems.length ? null : { kind: 'DECREE_90', input } };
}

const toLine = (l: repo.LevelRow): LevelLine => l;

async function sheetOf(deps: AssessmentDeps, l: Loaded): Promise<AssessmentSheet> {
  const { campaign, participant } = l;
  const [levels, evaluation, screening] = await Promise.all([
    repo.levelsOf(deps.db, participant.id),
    repo.findEvaluation(deps.db, participant.id),
    repo.findScreening(deps.db, participant.id),
  ]);
  const { provinceCode: _p, campaignId: _c, orgBodyId: _o, version, ...p } = participant;
  return {
    version,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      year: campaign.year,
      regime: regimeOf(campaign),
      status: campaign.status as AssessmentSheet['campaign']['status'],
      instruments: campaign.instruments,
    },
    participant: p,
    competencies: levels.map((row) => {
      const level = finalLevel(row);
      return {
        ...row,
        finalLevel: level,
        gap: level === null || row.requiredLevel === null ? null : Math.max(0, row.requiredLevel - level),
      };
    }),
    gap: positionGap(levels.map(toLine)),
    evaluation: evaluation
      ? {
          regime: evaluation.regime === 'DECREE_90' ? 'DECREE_90' : 'DECREE_335',
          selfInput: parseJson(evaluation.selfInput),
          supervisorInput: parseJson(evaluation.supervisorInput),
          result: parseJson(evaluation.result),
          configVersion: evaluation.configVersion,
          score: evaluation.score,
          rating: finalRating({ rating: evaluation.rating, councilRating: null }),
          councilRating: finalRating({ rating: null, councilRating: evaluation.councilRating }),
          councilNote: evaluation.councilNote,
          finalRating: finalRating(evaluation),
        }
      : null,
    screening: screening
      ? {
          criteria: parseJson<Record<string, CriterionInput>>(screening.criteria) ?? {},
          result: parseJson(screening.result) ?? { configVersion: screening.configVersion, trace: [] },
          configVersion: screening.configVersion,
          outcome: screening.outcome as NonNullable<AssessmentSheet['screening']>['outcome'],
        }
      : null,
  };
}

/** The participant's sheet: levels with gaps, the evaluation with its trace, the screening with its trace. */
export async function getAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  campaignId: number,
  participantId: number,
): Promise<AssessmentSheet> {
  const l = await loadParticipant(deps, actor, campaignId, participantId);
  assertCanRead(actor, l);
  return sheetOf(deps, l);
}

/**
 * The optimistic-concurrency gate of a sheet write, run first inside its transaction (after the
 * stage check, so a locked campaign still answers REVIEW_CAMPAIGN_LOCKED): a stale `version`
 * answers VERSION_CONFLICT and the transaction writes nothing. The conditional UPDATE makes it
 * atomic, so of two writers holding the same version exactly one gets through.
 */
async function claimSheet(trx: AssessmentDeps['db'], participantId: number, version: number | undefined): Promise<void> {
  if (!(await repo.bumpSheetVersion(trx, participantId, version))) throw new AppError('VERSION_CONFLICT');
}

/** A cheap early refusal for a version already stale when the request arrives (the transaction re-checks). */
function assertFresh(l: Loaded, version: number | undefined): void {
  if (version !== undefined && version !== l.participant.version) throw new AppError('VERSION_CONFLICT');
}

const levelLines = (levels: readonly LevelInput[]) =>
  levels.map((x) => ({ competencyCode: x.competencyCode, level: x.level, evidence: x.evidence?.trim() ? x.evidence.trim() : null }));

/** The owner's own levels, evidence and (optionally) self-declared evaluation input; only in SELF_ASSESSMENT. */
export async function writeSelfAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  campaignId: number,
  participantId: number,
  body: SelfAssessmentBody,
  meta: AuditMeta,
): Promise<AssessmentSheet> {
  const l = await loadParticipant(deps, actor, campaignId, participantId);
  assertOwner(l);
  assertStage(l.campaign.status, 'SELF');
  assertFresh(l, body.version);
  const known = await repo.levelsOf(deps.db, participantId);
  const problems = levelProblems(body.levels, known);
  let checked: CheckedEvaluation | null = null;
  if (body.evaluation) {
    const configs = await reviewConfigsForYear(deps.db, l.campaign.provinceCode, l.campaign.year);
    const e = evaluationProblems(l.campaign, body.evaluation, configs);
    problems.push(...e.problems);
    checked = e.checked;
  }
  if (problems.length > 0) throw invalid(problems);

  await audited(deps.db, meta, 'review.self_assessment', 'review_participant', async (trx) => {
    assertStage((await repo.findCampaign(trx, campaignId))?.status ?? 'LOCKED', 'SELF');
    await claimSheet(trx, participantId, body.version);
    await repo.setStageLevels(trx, participantId, 'self', levelLines(body.levels), meta.at);
    if (checked) {
      await repo.saveEvaluation(
        trx,
        l.campaign.provinceCode,
        participantId,
        regimeOf(l.campaign),
        { selfInput: JSON.stringify(checked.input) },
        meta.at,
      );
    }
    await repo.markSubmitted(trx, participantId, 'selfSubmittedAt', meta.at);
    return { result: null, entityId: participantId, after: { levels: body.levels, evaluation: checked !== null } };
  });
  return sheetOf(deps, await loadParticipant(deps, actor, campaignId, participantId));
}

/** The supervisor's levels and evaluation input; the result is computed with the config in force for the campaign year. */
export async function writeSupervisorReview(
  deps: AssessmentDeps,
  actor: Actor,
  campaignId: number,
  participantId: number,
  body: SupervisorReviewBody,
  meta: AuditMeta,
): Promise<AssessmentSheet> {
  const l = await loadParticipant(deps, actor, campaignId, participantId);
  assertReviewer(actor, l);
  assertStage(l.campaign.status, 'SUPERVISOR');
  assertFresh(l, body.version);
  const known = await repo.levelsOf(deps.db, participantId);
  const problems = levelProblems(body.levels, known);
  const configs = await reviewConfigsForYear(deps.db, l.campaign.provinceCode, l.campaign.year);
  let checked: CheckedEvaluation | null = null;
  if (body.evaluation) {
    const e = evaluationProblems(l.campaign, body.evaluation, configs);
    problems.push(...e.problems);
    checked = e.checked;
  } else if (l.campaign.instruments.includes('ANNUAL_EVALUATION')) {
    problems.push({ path: 'evaluation', message: 'REQUIRED_FOR_THE_ANNUAL_EVALUATION' });
  }
  if (problems.length > 0) throw invalid(problems);

  let computed: { result: unknown; configVersion: string; score: number | null; rating: ReviewRating } | null = null;
  if (checked?.kind === 'DECREE_335') {
    const r = scoreDecree335(configs.decree335, checked.input);
    computed = { result: r, configVersion: r.configVersion, score: r.total, rating: r.band };
  } else if (checked?.kind === 'DECREE_90') {
    const r = levelDecree90(configs.decree90, checked.input);
    computed = { result: r, configVersion: r.configVersion, score: null, rating: r.level };
  }

  await audited(deps.db, meta, 'review.supervisor_review', 'review_participant', async (trx) => {
    assertStage((await repo.findCampaign(trx, campaignId))?.status ?? 'LOCKED', 'SUPERVISOR');
    await claimSheet(trx, participantId, body.version);
    await repo.setStageLevels(trx, participantId, 'supervisor', levelLines(body.levels), meta.at);
    if (checked && computed) {
      await repo.saveEvaluation(
        trx,
        l.campaign.provinceCode,
        participantId,
        regimeOf(l.campaign),
        {
          supervisorInput: JSON.stringify(checked.input),
          result: JSON.stringify(computed.result),
          configVersion: computed.configVersion,
          score: computed.score,
          rating: computed.rating,
        },
        meta.at,
      );
    }
    await repo.markSubmitted(trx, participantId, 'supervisorSubmittedAt', meta.at);
    return {
      result: null,
      entityId: participantId,
      after: {
        levels: body.levels,
        rating: computed?.rating ?? null,
        score: computed?.score ?? null,
        configVersion: computed?.configVersion ?? null,
      },
    };
  });
  return sheetOf(deps, await loadParticipant(deps, actor, campaignId, participantId));
}

/**
 * The council: optional levels, the final rating (a note is required when it differs from the
 * computed rating, or when there is none) and the Decree 178 screening, whose look-back comes
 * from the person's locked campaigns and whose position gap comes from this campaign's levels.
 */
export async function writeCouncil(
  deps: AssessmentDeps,
  actor: Actor,
  campaignId: number,
  participantId: number,
  body: CouncilBody,
  meta: AuditMeta,
): Promise<AssessmentSheet> {
  const l = await loadParticipant(deps, actor, campaignId, participantId);
  assertReviewer(actor, l);
  assertStage(l.campaign.status, 'COUNCIL');
  assertFresh(l, body.version);
  const { campaign } = l;
  const known = await repo.levelsOf(deps.db, participantId);
  const evaluation = await repo.findEvaluation(deps.db, participantId);
  const problems: FieldProblem[] = [];
  if (!body.levels && !body.rating && !body.screening) problems.push({ path: '', message: 'NOTHING_TO_DECIDE' });
  if (body.levels) problems.push(...levelProblems(body.levels, known));

  let note: string | null = null;
  if (body.rating) {
    note = body.rating.note?.trim() ? body.rating.note.trim() : null;
    if (!campaign.instruments.includes('ANNUAL_EVALUATION'))
      problems.push({ path: 'rating', message: 'NOT_AN_INSTRUMENT_OF_THIS_CAMPAIGN' });
    const computed = evaluation ? finalRating({ rating: evaluation.rating, councilRating: null }) : null;
    if (body.rating.rating !== computed && note === null)
      problems.push({ path: 'rating.note', message: 'REQUIRED_WHEN_DIFFERENT_FROM_COMPUTED' });
  }

  let screening: { criteria: string; result: string; configVersion: string; outcome: string } | null = null;
  if (body.screening) {
    if (!campaign.instruments.includes('SCREENING_178'))
      problems.push({ path: 'screening', message: 'NOT_AN_INSTRUMENT_OF_THIS_CAMPAIGN' });
    else if (problems.length === 0) {
      const configs = await reviewConfigsForYear(deps.db, campaign.provinceCode, campaign.year);
      const councilLevels = new Map((body.levels ?? []).map((x) => [x.competencyCode, x.level]));
      const lines = known.map((k) => ({ ...k, councilLevel: councilLevels.get(k.competencyCode) ?? k.councilLevel }));
      const gap = positionGap(lines);
      const currentRating = body.rating ? body.rating.rating : evaluation ? finalRating(evaluation) : null;
      const earlier = await repo.lockedResultsOfStaff(deps.db, campaign.provinceCode, l.participant.staffId, campaign.id);
      const lookBack = assembleLookBack(
        campaign.year,
        evaluation || body.rating ? { regime: regimeOf(campaign), rating: currentRating, score: evaluation?.score ?? null } : null,
        earlier.map((e) => ({
          campaignId: e.campaignId,
          year: e.year,
          regime: e.regime === 'DECREE_90' ? 'DECREE_90' : 'DECREE_335',
          rating: finalRating(e),
          score: e.score,
          lockedAt: e.lockedAt,
        })),
      );
      const input = {
        lastYear: lookBack.lastYear,
        criteria: body.screening.criteria,
        annualResults: lookBack.annualResults,
        positionGap: { gapCount: gap.gapCount, largestGap: gap.largestGap },
      };
      const sp = screening178InputProblems(configs.screening178, input);
      if (sp.length > 0) problems.push(...sp.map((message) => ({ path: 'screening', message })));
      else {
        const r = screen178(configs.screening178, input);
        screening = {
          criteria: JSON.stringify(body.screening.criteria),
          result: JSON.stringify(r),
          configVersion: r.configVersion,
          outcome: r.outcome,
        };
      }
    }
  }
  if (problems.length > 0) throw invalid(problems);

  await audited(deps.db, meta, 'review.council', 'review_participant', async (trx) => {
    assertStage((await repo.findCampaign(trx, campaignId))?.status ?? 'LOCKED', 'COUNCIL');
    await claimSheet(trx, participantId, body.version);
    if (body.levels) await repo.setStageLevels(trx, participantId, 'council', levelLines(body.levels), meta.at);
    if (body.rating) {
      await repo.saveEvaluation(
        trx,
        campaign.provinceCode,
        participantId,
        regimeOf(campaign),
        { councilRating: body.rating.rating, councilNote: note },
        meta.at,
      );
    }
    if (screening) await repo.saveScreening(trx, campaign.provinceCode, participantId, screening, meta.at);
    await repo.markSubmitted(trx, participantId, 'councilDecidedAt', meta.at);
    return {
      result: null,
      entityId: participantId,
      before: evaluation ? { councilRating: evaluation.councilRating, councilNote: evaluation.councilNote } : undefined,
      after: {
        levels: body.levels ?? null,
        councilRating: body.rating?.rating ?? null,
        councilNote: note,
        screeningOutcome: screening?.outcome ?? null,
      },
    };
  });
  return sheetOf(deps, await loadParticipant(deps, actor, campaignId, participantId));
}
