import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { parseTranslated } from './course-input.ts';
import { trainingNeedsApi } from './needs/needs.api.ts';
import {
  CourseCreateBodySchema,
  CourseDetailSchema,
  CourseListQuerySchema,
  CourseListResponseSchema,
  CourseRetireBodySchema,
  CourseUpdateBodySchema,
  IdParamsSchema,
  ProblemSchema,
} from './training.schemas.ts';
import type { TrainingDeps } from './use-cases/deps.ts';
import { getCourse, listCourses } from './use-cases/read-courses.ts';
import { createCourse, retireCourse, updateCourse } from './use-cases/write-courses.ts';

const TAGS = ['training'];

/**
 * The write routes validate with `attachValidation`, so a refused body is parsed again with
 * Zod's messages in the caller's language. A refused path parameter goes to the error handler.
 */
function bodyOf<T>(request: FastifyRequest, parse: (raw: unknown) => T): T {
  const failure = request.validationError as (Error & { validationContext?: string }) | undefined;
  if (failure && failure.validationContext !== 'body') throw failure;
  return parse(request.body);
}

export const trainingApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: TrainingDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/training/courses',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'List training courses',
        description:
          'Courses of the caller’s province (ACTIVE unless `status` says otherwise), in Vietnamese alphabetical order. `q` matches the code or either name and ignores diacritics; `competency` keeps the courses that raise it.',
        querystring: CourseListQuerySchema,
        response: { 200: CourseListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listCourses(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/training/courses/:id',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'One training course',
        description:
          'With the names of the competencies it raises (framework in force today), its prerequisites and, for postgraduate study, the rule training.postgraduate in force.',
        params: IdParamsSchema,
        response: { 200: CourseDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getCourse(ucDeps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/training/courses',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Add a course to the province catalogue',
        description:
          'Refused with 400 and one entry per problem (in the caller’s language): a session over 5 working days, sessions not adding up to durationDays, minimum class size above capacity, a competency not in the published framework, an unknown or circular prerequisite, unknown fields. A code already in the catalogue answers 409 TRAINING_COURSE_CODE_TAKEN. Audited.',
        body: CourseCreateBodySchema,
        response: { 201: CourseDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(CourseCreateBodySchema, raw, request.locale));
      const created = await createCourse(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
      return reply.status(201).header('Location', `/api/v1/training/courses/${created.id}`).send(created);
    },
  );

  app.put(
    '/api/v1/training/courses/:id',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Change a course',
        description:
          'The body is the whole course except its code, which never changes. Send the `version` you read: a stale one answers 409 VERSION_CONFLICT, a retired course 409 TRAINING_COURSE_RETIRED, and nothing changes. Same rules as creation. Audited with before and after.',
        params: IdParamsSchema,
        body: CourseUpdateBodySchema,
        response: { 200: CourseDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(CourseUpdateBodySchema, raw, request.locale));
      return updateCourse(ucDeps, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.post(
    '/api/v1/training/courses/:id/retire',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Retire a course',
        description:
          'No longer offered after `effectiveTo` (today by default); the course stays for the plans and records that name it. Same version check as a change. Audited.',
        params: IdParamsSchema,
        body: CourseRetireBodySchema,
        response: { 200: CourseDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(CourseRetireBodySchema, raw, request.locale));
      return retireCourse(ucDeps, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );
  await app.register(trainingNeedsApi, deps);
};
