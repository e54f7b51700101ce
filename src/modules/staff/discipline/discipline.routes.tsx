import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import type { StaffDeps } from '../use-cases/deps.ts';
import { DisciplineBodySchema, DisciplineSchema } from './discipline.schemas.ts';
import { type DisciplineFormValues, DisciplinePage } from './discipline.section.tsx';
import { getDiscipline, setDiscipline } from './use-cases/discipline.ts';

const TAGS = ['staff'];
const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const FormBodySchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(5)]));

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Form text → API body: a blank date lifts, a blank document is absent, the version as a number when it is one. */
export function disciplineBodyFromForm(v: DisciplineFormValues): Record<string, unknown> {
  const version = v.version.trim();
  return {
    pendingUntil: v.pendingUntil.trim() === '' ? null : v.pendingUntil.trim(),
    reason: v.reason,
    ...(v.documentRef.trim() === '' ? {} : { documentRef: v.documentRef }),
    version: /^\d{1,9}$/.test(version) ? Number(version) : version,
  };
}

const DESCRIPTION =
  'Decree 170/2025 (domain.md §3.3): no transfer or secondment while a disciplinary matter is pending or a sanction is in force. HR of the person’s unit (unit_hr) and the province administrator record the LAST day it lasts (placement recommendations leave the person out until the end of that day) or lift it (null). The date is stored on the staff record; the reason and document reference of each change are kept in its audit entry (`staff.discipline.set`, with the date before and after).';

/** Discipline pending on a staff record: API and the form of the staff record page. */
export const staffDisciplineModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: StaffDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/staff/:id/discipline',
    {
      config: { access: 'staff.discipline' },
      schema: {
        tags: TAGS,
        summary: 'Discipline pending on a staff record, with the reason and document of the latest change',
        description: DESCRIPTION,
        params: IdParamsSchema,
        response: { 200: DisciplineSchema, ...problems },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return getDiscipline(ucDeps, actorOf(request), request.params.id);
    },
  );

  app.put(
    '/api/v1/staff/:id/discipline',
    {
      config: { access: 'staff.discipline' },
      schema: {
        tags: TAGS,
        summary: 'Record or lift a pending disciplinary matter (audited)',
        description: `${DESCRIPTION} A date before today answers 400 STAFF_DISCIPLINE_DATE_PAST; a date without documentRef 400 STAFF_DISCIPLINE_DOCUMENT_REQUIRED; a stale version 409 VERSION_CONFLICT.`,
        params: IdParamsSchema,
        body: DisciplineBodySchema,
        response: { 200: DisciplineSchema, ...problems },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      reply.header('Cache-Control', 'no-store');
      return setDiscipline(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/staff/:id/discipline',
    {
      config: { access: 'staff.discipline' },
      schema: {
        params: IdParamsSchema,
        body: FormBodySchema,
        summary: 'Record or lift a pending disciplinary matter (form)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      const b = request.body;
      const values: DisciplineFormValues = {
        pendingUntil: single(b.pendingUntil),
        reason: single(b.reason),
        documentRef: single(b.documentRef),
        version: single(b.version),
      };
      try {
        const parsed = DisciplineBodySchema.safeParse(disciplineBodyFromForm(values), { error: ZOD_LOCALES[request.locale]().localeError });
        if (!parsed.success)
          throw new AppError(
            'VALIDATION_FAILED',
            {},
            parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
          );
        await setDiscipline(ucDeps, actor, id, parsed.data, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(`/staff/${id}#discipline`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || ![400, 409].includes(e.status)) throw e;
        // Shown with what is recorded now (getDiscipline checks the reach again), the typed values kept.
        const discipline = await getDiscipline(ucDeps, actor, id);
        // After a conflict the form carries the version now recorded, so saving again is a conscious overwrite.
        if (e.code === 'VERSION_CONFLICT') values.version = String(discipline.version);
        reply.header('Cache-Control', 'no-store');
        return sendHtml(
          reply,
          <DisciplinePage ctx={request.viewContext()} discipline={discipline} form={{ values, error: e }} />,
          e.status,
        );
      }
    },
  );
};
