import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole, roleHas } from '../../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { PositionFitSection } from '../../position-fit/position-fit.section.tsx';
import { personFit, personServiceEvidence } from '../../position-fit/use-cases/position-fit.ts';
import { getCampaign } from '../campaigns/use-cases/campaigns.ts';
import { type AssessmentStep, stageRefusal } from './assessment-logic.ts';
import { staffIdOfUser } from './assessments.repository.ts';
import { type AssessmentSheet, CampaignParamsSchema, ParticipantParamsSchema, ResultsQuerySchema } from './assessments.schemas.ts';
import * as inbox from './inbox.repository.ts';
import {
  councilFromForm,
  councilValues,
  decree90FromForm,
  decree335FromForm,
  type FormBody,
  type FormProblem,
  type FormValues,
  field,
  hasGeneralScores,
  type ItemKey,
  levelsFromForm,
  problemFromUseCase,
  rowCount,
  selfValues,
  supervisorValues,
  valuesOf,
  versionFromForm,
} from './pages/assessment-forms.ts';
import type { CompetencyInfo, FormError } from './pages/assessment-parts.tsx';
import { CouncilListPage, CouncilPage } from './pages/council.page.tsx';
import { MyReviewsPage } from './pages/my-reviews.page.tsx';
import { SelfAssessmentPage } from './pages/self-assessment.page.tsx';
import { SupervisorReviewPage } from './pages/supervisor-review.page.tsx';
import {
  type AssessmentDeps,
  assertCanRead,
  assertOwner,
  assertReviewer,
  loadParticipant,
  reviewConfigsForYear,
} from './use-cases/access.ts';
import { getAssessment, writeCouncil, writeSelfAssessment, writeSupervisorReview } from './use-cases/assessments.ts';
import { campaignResults } from './use-cases/results.ts';

const TAGS = ['review-assessments'];
/** Form posts are flat text fields (a repeated name arrives as a list); the use cases check the values. */
const FormBodySchema = z.record(z.string().max(80), z.union([z.string().max(4000), z.array(z.string().max(4000)).max(20)]));
const SavedQuerySchema = z.object({ saved: z.string().max(1).optional() });
/** The most rows each list of "my reviews" shows. */
export const INBOX_LIMIT = 200;

type Step = 'self' | 'supervisor' | 'council';
const STEP_OF: Record<Step, AssessmentStep> = { self: 'SELF', supervisor: 'SUPERVISOR', council: 'COUNCIL' };

/** Pages of the assessments (issue 4 §7): my reviews, the self-assessment form, the supervisor review, the council screen and list. */
export const reviewAssessmentPages: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: AssessmentDeps = { db: deps.db, clock: deps.clock };

  /** Who may open the page of a step: the owner for the self form (others in reach: 403, out of reach: 404), reviewers in reach for the others. */
  async function loadSheet(request: FastifyRequest, campaignId: number, participantId: number, step: Step) {
    const actor = actorOf(request);
    const l = await loadParticipant(ucDeps, actor, campaignId, participantId);
    if (step === 'self') {
      if (l.actorStaffId !== l.participant.staffId) {
        assertCanRead(actor, l);
        assertOwner(l);
      }
    } else assertReviewer(actor, l);
    const sheet = await getAssessment(ucDeps, actor, campaignId, participantId);
    const configs = await reviewConfigsForYear(deps.db, actor.provinceCode, sheet.campaign.year);
    const campaign = await getCampaign(ucDeps, actor, campaignId).catch((e: unknown) => {
      if (e instanceof AppError && e.status < 500) return null;
      throw e;
    });
    const period = campaign ? { from: campaign.periodFrom, to: campaign.periodTo } : null;
    const info = await competencyInfo(
      actor,
      request.locale === 'vi',
      campaign?.frameworkVersionId ?? null,
      period?.to ?? `${sheet.campaign.year}-12-31`,
    );
    return { sheet, configs, period, info, editable: stageRefusal(sheet.campaign.status, STEP_OF[step]) === null };
  }

  /** Names and behavioural descriptors of the campaign's framework version (else the one in force at the period's end). */
  async function competencyInfo(actor: Actor, vi: boolean, versionId: number | null, asOf: string): Promise<CompetencyInfo> {
    const list = await listCompetencies(ucDeps, actor, versionId !== null ? { versionId } : { asOf }).catch((e: unknown) => {
      if (e instanceof AppError && e.status < 500) return null;
      throw e;
    });
    return new Map(
      (list?.items ?? []).map((c) => [
        c.code,
        { name: vi ? c.nameVi : c.nameEn, levels: new Map(c.levels.map((l) => [l.level, vi ? l.vi : l.en])) },
      ]),
    );
  }

  const errorOf = (request: FastifyRequest, e: AppError, ctx: { levelCodes: string[]; items?: ItemKey[] }): FormError => ({
    message: request.t(ERROR_TABLE[e.code].key as MessageKey, e.params),
    problems: e.fieldProblems.map((p) => problemFromUseCase(p, ctx)),
  });
  const invalidForm = (request: FastifyRequest, problems: FormProblem[]): FormError => ({
    message: request.t('error.ASSESSMENT_INVALID'),
    problems,
  });
  /** Refusals the form shows in place (422 invalid, 409 stage or lock); anything else goes to the error page. */
  const showsInPlace = (e: unknown): e is AppError => e instanceof AppError && (e.status === 422 || e.status === 409);
  const path = (campaignId: number, participantId: number, step: Step) =>
    `/reviews/campaigns/${campaignId}/participants/${participantId}/${step}`;
  const notice = (request: FastifyRequest, saved: string | undefined, key: MessageKey) => (saved === '1' ? request.t(key) : null);
  /**
   * The values a form is shown with: what was typed when it is shown again, else what is saved.
   * After a version conflict the typed values stay but carry the version now recorded, so saving
   * again is a conscious overwrite of the other person's change (shown on the sheet above).
   */
  type Shown = { values: FormValues | null; error: FormError; notice: string | null; conflict?: boolean };
  const shownValues = (form: Shown, sheet: AssessmentSheet, saved: (s: AssessmentSheet) => FormValues): FormValues =>
    form.values === null ? saved(sheet) : form.conflict ? { ...form.values, version: String(sheet.version) } : form.values;
  const isConflict = (e: AppError) => e.code === 'VERSION_CONFLICT';

  app.get(
    '/reviews/mine',
    { config: { access: 'reviews.self' }, schema: { summary: 'My reviews (page)', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const staffId = await staffIdOfUser(deps.db, actor.userId);
      const unitId = isUnitRole(actor.role) ? (actor.unitId ?? -1) : null;
      const waiting = (stage: 'SUPERVISOR_REVIEW' | 'COUNCIL') =>
        inbox.waitingAtStage(deps.db, actor.provinceCode, stage, { unitId, excludeStaffId: staffId, limit: INBOX_LIMIT });
      const view = {
        mine: staffId === null ? null : await inbox.participationsOfStaff(deps.db, actor.provinceCode, staffId, INBOX_LIMIT),
        supervise: roleHas(actor.role, 'reviews.supervise') ? await waiting('SUPERVISOR_REVIEW') : null,
        council: roleHas(actor.role, 'reviews.council') ? await waiting('COUNCIL') : null,
        limit: INBOX_LIMIT,
      };
      return sendHtml(reply, <MyReviewsPage ctx={request.viewContext()} view={view} />);
    },
  );

  // ------------------------------------------------------------------ self-assessment

  const selfPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { campaignId: number; participantId: number },
    form: Shown,
    status = 200,
  ) => {
    const s = await loadSheet(request, ids.campaignId, ids.participantId, 'self');
    const view = { ...s, values: shownValues(form, s.sheet, selfValues), error: form.error, notice: form.notice };
    return sendHtml(reply, <SelfAssessmentPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get(
    '/reviews/campaigns/:campaignId/participants/:participantId/self',
    {
      config: { access: 'reviews.self' },
      schema: { params: ParticipantParamsSchema, querystring: SavedQuerySchema, summary: 'Self-assessment form (owner only)', tags: TAGS },
    },
    async (request, reply) =>
      selfPage(request, reply, request.params, {
        values: null,
        error: null,
        notice: notice(request, request.query.saved, 'assess.self.saved'),
      }),
  );

  app.post(
    '/reviews/campaigns/:campaignId/participants/:participantId/self',
    {
      config: { access: 'reviews.self' },
      schema: { params: ParticipantParamsSchema, body: FormBodySchema, summary: 'Save the self-assessment (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      const body = request.body as FormBody;
      const s = await loadSheet(request, campaignId, participantId, 'self');
      const problems: FormProblem[] = [];
      const codes = s.sheet.competencies.map((c) => c.competencyCode);
      const levels = levelsFromForm(body, codes, true, problems);
      let evaluation: ReturnType<typeof decree90FromForm> | undefined;
      if (s.sheet.campaign.instruments.includes('ANNUAL_EVALUATION')) {
        if (s.sheet.campaign.regime === 'DECREE_335' && hasGeneralScores(body, s.configs.decree335)) {
          evaluation = decree335FromForm(body, s.configs.decree335, { isLeader: false, withTasks: false }, problems).input;
        } else if (s.sheet.campaign.regime === 'DECREE_90' && (field(body, 'd90.subject') || field(body, 'd90.judgedLevel'))) {
          evaluation = decree90FromForm(body, problems);
        }
      }
      const values = valuesOf(body);
      if (problems.length > 0)
        return selfPage(request, reply, request.params, { values, error: invalidForm(request, problems), notice: null }, 422);
      try {
        const meta = auditMetaOf(request, actor, deps.clock);
        const input = { version: versionFromForm(body), levels, ...(evaluation ? { evaluation } : {}) };
        await writeSelfAssessment(ucDeps, actor, campaignId, participantId, input, meta);
        return reply.redirect(`${path(campaignId, participantId, 'self')}?saved=1`, 303);
      } catch (e) {
        if (!showsInPlace(e)) throw e;
        const error = errorOf(request, e, { levelCodes: levels.map((l) => l.competencyCode) });
        return selfPage(request, reply, request.params, { values, error, notice: null, conflict: isConflict(e) }, e.status);
      }
    },
  );

  // ------------------------------------------------------------------ supervisor review

  const supervisorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { campaignId: number; participantId: number },
    form: Shown,
    status = 200,
  ) => {
    const actor = actorOf(request);
    const s = await loadSheet(request, ids.campaignId, ids.participantId, 'supervisor');
    const staffId = s.sheet.participant.staffId;
    const range = s.period ?? { from: `${s.sheet.campaign.year}-01-01`, to: `${s.sheet.campaign.year}-12-31` };
    const fitDeps = { db: deps.db, clock: deps.clock };
    const evidence = await Promise.all([personFit(fitDeps, actor, staffId), personServiceEvidence(fitDeps, actor, staffId, range)])
      .then(([fit, ev]) => <PositionFitSection ctx={request.viewContext()} fit={fit} evidence={ev} />)
      .catch((e: unknown) => {
        if (e instanceof AppError && e.status < 500) return null;
        throw e;
      });
    const view = { ...s, values: shownValues(form, s.sheet, supervisorValues), error: form.error, notice: form.notice, evidence };
    return sendHtml(reply, <SupervisorReviewPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get(
    '/reviews/campaigns/:campaignId/participants/:participantId/supervisor',
    {
      config: { access: 'reviews.supervise' },
      schema: { params: ParticipantParamsSchema, querystring: SavedQuerySchema, summary: 'Supervisor review form', tags: TAGS },
    },
    async (request, reply) =>
      supervisorPage(request, reply, request.params, {
        values: null,
        error: null,
        notice: notice(request, request.query.saved, 'assess.sup.saved'),
      }),
  );

  app.post(
    '/reviews/campaigns/:campaignId/participants/:participantId/supervisor',
    {
      config: { access: 'reviews.supervise' },
      schema: { params: ParticipantParamsSchema, body: FormBodySchema, summary: 'Save the supervisor review (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      const body = request.body as FormBody;
      const values = valuesOf(body);
      if (field(body, '_action') === 'addRow') {
        // "Add a row" without JavaScript: the same form again with one more empty row; nothing is saved.
        const next: FormValues = { ...values, rows: String(rowCount(body) + 1) };
        delete next._action;
        return supervisorPage(request, reply, request.params, { values: next, error: null, notice: null });
      }
      const s = await loadSheet(request, campaignId, participantId, 'supervisor');
      const problems: FormProblem[] = [];
      const levels = levelsFromForm(
        body,
        s.sheet.competencies.map((c) => c.competencyCode),
        true,
        problems,
      );
      let evaluation: ReturnType<typeof decree90FromForm> | undefined;
      let items: ItemKey[] = [];
      if (s.sheet.campaign.instruments.includes('ANNUAL_EVALUATION')) {
        if (s.sheet.campaign.regime === 'DECREE_335') {
          const isLeader = s.sheet.participant.positionGroup === 'LEADERSHIP';
          const parsed = decree335FromForm(body, s.configs.decree335, { isLeader, withTasks: true }, problems);
          evaluation = parsed.input;
          items = parsed.items;
        } else evaluation = decree90FromForm(body, problems);
      }
      if (problems.length > 0)
        return supervisorPage(request, reply, request.params, { values, error: invalidForm(request, problems), notice: null }, 422);
      try {
        const meta = auditMetaOf(request, actor, deps.clock);
        const input = { version: versionFromForm(body), levels, ...(evaluation ? { evaluation } : {}) };
        await writeSupervisorReview(ucDeps, actor, campaignId, participantId, input, meta);
        return reply.redirect(`${path(campaignId, participantId, 'supervisor')}?saved=1#result-title`, 303);
      } catch (e) {
        if (!showsInPlace(e)) throw e;
        const error = errorOf(request, e, { levelCodes: levels.map((l) => l.competencyCode), items });
        return supervisorPage(request, reply, request.params, { values, error, notice: null, conflict: isConflict(e) }, e.status);
      }
    },
  );

  // ------------------------------------------------------------------ council

  const councilPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { campaignId: number; participantId: number },
    form: Shown,
    status = 200,
  ) => {
    const s = await loadSheet(request, ids.campaignId, ids.participantId, 'council');
    const view = { ...s, values: shownValues(form, s.sheet, councilValues), error: form.error, notice: form.notice };
    return sendHtml(reply, <CouncilPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get(
    '/reviews/campaigns/:campaignId/participants/:participantId/council',
    {
      config: { access: 'reviews.council' },
      schema: { params: ParticipantParamsSchema, querystring: SavedQuerySchema, summary: 'Council screen for a participant', tags: TAGS },
    },
    async (request, reply) =>
      councilPage(request, reply, request.params, {
        values: null,
        error: null,
        notice: notice(request, request.query.saved, 'assess.council.saved'),
      }),
  );

  app.post(
    '/reviews/campaigns/:campaignId/participants/:participantId/council',
    {
      config: { access: 'reviews.council' },
      schema: { params: ParticipantParamsSchema, body: FormBodySchema, summary: "Save the council's decision (form)", tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      const body = request.body as FormBody;
      const values = valuesOf(body);
      const s = await loadSheet(request, campaignId, participantId, 'council');
      const problems: FormProblem[] = [];
      const instruments = s.sheet.campaign.instruments;
      const input = councilFromForm(
        body,
        s.sheet.competencies.map((c) => c.competencyCode),
        {
          withRating: instruments.includes('ANNUAL_EVALUATION'),
          screening: instruments.includes('SCREENING_178') ? s.configs.screening178 : null,
        },
        problems,
      );
      if (problems.length > 0)
        return councilPage(request, reply, request.params, { values, error: invalidForm(request, problems), notice: null }, 422);
      try {
        const versioned = { ...input, version: versionFromForm(body) };
        await writeCouncil(ucDeps, actor, campaignId, participantId, versioned, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(`${path(campaignId, participantId, 'council')}?saved=1`, 303);
      } catch (e) {
        if (!showsInPlace(e)) throw e;
        const error = errorOf(request, e, { levelCodes: (input.levels ?? []).map((l) => l.competencyCode) });
        return councilPage(request, reply, request.params, { values, error, notice: null, conflict: isConflict(e) }, e.status);
      }
    },
  );

  app.get(
    '/reviews/campaigns/:campaignId/council',
    {
      config: { access: 'reviews.council' },
      schema: {
        params: CampaignParamsSchema,
        querystring: ResultsQuerySchema,
        summary: "The council's list of a campaign (page)",
        tags: TAGS,
      },
    },
    async (request, reply) => {
      const results = await campaignResults(ucDeps, actorOf(request), request.params.campaignId, request.query);
      const unitNames = new Map(results.items.map((i) => [i.unitId, i.unitName]));
      const agencyNames = new Map(
        results.excellentQuota.map((q) => {
          const unit = unitNames.get(q.unitId) ?? String(q.unitId);
          return [q.key, q.orgBodyId === null ? unit : request.t('assess.quota.body', { unit, id: q.orgBodyId })];
        }),
      );
      return sendHtml(reply, <CouncilListPage ctx={request.viewContext()} view={{ results, agencyNames }} />);
    },
  );
};
