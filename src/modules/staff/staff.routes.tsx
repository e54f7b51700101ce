import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { isUnitRole, roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import type { ViewContext } from '../../platform/html/view-context.ts';
import { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { PositionFitSection } from '../position-fit/position-fit.section.tsx';
import { personFit, personServiceEvidence } from '../position-fit/use-cases/position-fit.ts';
import { listUnits } from '../units/use-cases/list-units.ts';
import { staffDisciplineModule } from './discipline/discipline.routes.tsx';
import { blankDisciplineForm, DisciplineSection } from './discipline/discipline.section.tsx';
import { getDiscipline } from './discipline/use-cases/discipline.ts';
import { StaffListPage, StaffResults } from './pages/staff-list.page.tsx';
import { StaffProfilePage } from './pages/staff-profile.page.tsx';
import { rosterLimitsOf } from './roster/limits.ts';
import { rosterModule } from './roster/roster.routes.tsx';
import { StaffDetailSchema, StaffListQuerySchema, StaffListResponseSchema } from './staff.schemas.ts';
import type { StaffDeps } from './use-cases/deps.ts';
import { getStaff } from './use-cases/get-staff.ts';
import { listStaff } from './use-cases/list-staff.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const staffModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: StaffDeps = { db: deps.db, clock: deps.clock };

  /** Fit to position and service evidence (this year) on the profile, for roles with fit.read that reach the person. */
  const fitSection = async (ctx: ViewContext, actor: Actor, staffId: number) => {
    if (!roleHas(actor.role, 'fit.read')) return null;
    try {
      const [fit, evidence] = await Promise.all([personFit(ucDeps, actor, staffId), personServiceEvidence(ucDeps, actor, staffId, {})]);
      return <PositionFitSection ctx={ctx} fit={fit} evidence={evidence} />;
    } catch (e) {
      // Out of the reader's reach (a unit role reading a person who moved): the profile shows without it.
      if (e instanceof AppError && (e.status === 403 || e.status === 404)) return null;
      throw e;
    }
  };
  /** Discipline pending (Decree 170/2025), for the HR roles that may record it. */
  const disciplineSection = async (ctx: ViewContext, actor: Actor, staffId: number) => {
    if (!roleHas(actor.role, 'staff.discipline')) return null;
    const discipline = await getDiscipline(ucDeps, actor, staffId);
    return <DisciplineSection ctx={ctx} discipline={discipline} form={{ values: blankDisciplineForm(discipline), error: null }} />;
  };
  await plugin.register(staffDisciplineModule, deps);
  // Roster import and exports: a child plugin, so its multipart parser stays inside it.
  await plugin.register(rosterModule, { ...deps, limits: rosterLimitsOf(deps.config) });

  app.get(
    '/api/v1/staff',
    {
      config: { access: 'staff.read' },
      schema: {
        tags: ['staff'],
        summary: 'List staff',
        description:
          'Staff in Vietnamese name order (given name first). Commune-level roles see only their own unit. `q` ignores diacritics. Personal fields are always masked in lists.',
        querystring: StaffListQuerySchema,
        response: { 200: StaffListResponseSchema, ...problems },
      },
    },
    async (request) => listStaff(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/staff/:id',
    {
      config: { access: 'staff.read' },
      schema: {
        tags: ['staff'],
        summary: 'Get one staff profile with the appointment history',
        description:
          'HR roles (unit_hr, province_admin) receive personal data in full and each such view is audited (`staff.view_personal`); other roles receive it masked with `masked: true`.',
        params: IdParamsSchema,
        response: { 200: StaffDetailSchema, ...problems },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const staff = await getStaff(ucDeps, actor, request.params.id, auditMetaOf(request, actor, deps.clock));
      reply.header('Cache-Control', 'no-store');
      return staff;
    },
  );

  app.get('/staff', { config: { access: 'staff.read' }, schema: { querystring: StaffListQuerySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await listStaff(ucDeps, actor, request.query);
    const ctx = request.viewContext();
    reply.header('Vary', 'HX-Request');
    if (wantsFragment(request)) {
      return sendFragment(reply, <StaffResults ctx={ctx} view={{ query: request.query, result, units: [] }} />);
    }
    const units = isUnitRole(actor.role)
      ? []
      : (await listUnits(ucDeps, actor, { status: 'current', page: 1, pageSize: 10_000 })).items.map((u) => ({ id: u.id, name: u.name }));
    return sendHtml(reply, <StaffListPage ctx={ctx} view={{ query: request.query, result, units }} />);
  });

  app.get('/staff/:id', { config: { access: 'staff.read' }, schema: { params: IdParamsSchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const staff = await getStaff(ucDeps, actor, request.params.id, auditMetaOf(request, actor, deps.clock));
    // A profile may carry personal data: keep it out of shared and browser caches.
    reply.header('Cache-Control', 'no-store');
    const ctx = request.viewContext();
    const [fit, discipline] = await Promise.all([fitSection(ctx, actor, staff.id), disciplineSection(ctx, actor, staff.id)]);
    const extra = (
      <>
        {fit}
        {discipline}
      </>
    );
    return sendHtml(reply, <StaffProfilePage ctx={ctx} staff={staff} extra={extra} />);
  });
};
