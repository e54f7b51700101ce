import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { parseTranslated } from '../course-input.ts';
import type { TrainingDeps } from '../use-cases/deps.ts';
import {
  AttendanceBodySchema,
  AttendanceResultSchema,
  ClassCreateBodySchema,
  ClassDetailSchema,
  ClassListQuerySchema,
  ClassListSchema,
  ClassUpdateBodySchema,
  CompleteBodySchema,
  EnrolBodySchema,
  EnrolmentParamsSchema,
  EnrolmentSchema,
  EnrolResultSchema,
  ExecutionQuerySchema,
  ExecutionSchema,
  IdParamsSchema,
  ProblemSchema,
} from './execution.schemas.ts';
import { createClass, getClass, listClasses, updateClass } from './use-cases/classes.ts';
import { complete, enrol, recordAttendance, withdraw } from './use-cases/participants.ts';
import { executionReport } from './use-cases/plan-vs-actual.ts';

const TAGS = ['training'];

/** Write bodies are validated with `attachValidation` and parsed again with messages in the caller's language. */
function bodyOf<T>(request: FastifyRequest, parse: (raw: unknown) => T): T {
  const failure = request.validationError as (Error & { validationContext?: string }) | undefined;
  if (failure && failure.validationContext !== 'body') throw failure;
  return parse(request.body);
}

/** /api/v1/training/classes and /api/v1/training/execution (issue 6 §5). */
export const trainingExecutionApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const uc: TrainingDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/training/classes',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'List held training classes',
        description:
          'Classes of the caller’s province, latest start first, with seats taken and completions; filter by year, course and status.',
        querystring: ClassListQuerySchema,
        response: { 200: ClassListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listClasses(uc, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/training/classes/:id',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'One training class',
        description:
          'With its participants, their results and attendance per session day. Unit roles see the people of their own unit only.',
        params: IdParamsSchema,
        response: { 200: ClassDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getClass(uc, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/training/classes',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Organise a class of a catalogue course',
        description:
          'Provider, mode, location, capacity and days default to the course’s. A retired course answers 409 TRAINING_COURSE_RETIRED; a course not offered on the start date or an unknown organising unit 400; a class code already used 409 TRAINING_CLASS_CODE_TAKEN. `planClassId` links the planned class it carries out. Audited.',
        body: ClassCreateBodySchema,
        response: { 201: ClassDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(ClassCreateBodySchema, raw, request.locale));
      const created = await createClass(uc, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
      return reply.status(201).header('Location', `/api/v1/training/classes/${created.id}`).send(created);
    },
  );

  app.put(
    '/api/v1/training/classes/:id',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Change a class',
        description:
          'The whole class except its course and code. Send the `version` you read: a stale one answers 409 VERSION_CONFLICT. Status moves PLANNED → OPEN → RUNNING (or one step back) or to CANCELLED (else 409 TRAINING_CLASS_STATUS); capacity cannot fall under the seats taken. Audited.',
        params: IdParamsSchema,
        body: ClassUpdateBodySchema,
        response: { 200: ClassDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(ClassUpdateBodySchema, raw, request.locale));
      return updateClass(uc, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.post(
    '/api/v1/training/classes/:id/enrolments',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Enrol people in a class',
        description:
          'In the order given, while seats are free; concurrent enrolments queue on the class so capacity holds. Each person not enrolled is listed with a reason: STAFF_NOT_FOUND, ALREADY_ENROLLED, NOT_ELIGIBLE (with every eligibility rule not met), CLASS_FULL, DUPLICATE. A withdrawn person is enrolled again. Audited.',
        params: IdParamsSchema,
        body: EnrolBodySchema,
        response: { 200: EnrolResultSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(EnrolBodySchema, raw, request.locale));
      return enrol(uc, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.post(
    '/api/v1/training/classes/:id/enrolments/:enrolmentId/withdraw',
    {
      config: { access: 'training.manage' },
      schema: {
        tags: TAGS,
        summary: 'Withdraw a person from a class',
        description: 'Only while no result is recorded (else 409 TRAINING_ENROLMENT_STATUS); the seat is freed. Audited.',
        params: EnrolmentParamsSchema,
        response: { 200: EnrolmentSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return withdraw(uc, actor, request.params.id, request.params.enrolmentId, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/training/classes/:id/attendance',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Record attendance',
        description:
          'Cells of enrolment × session day (1 … the class’s days), present or absent; a cell recorded before is overwritten. The class must be open, running or completed. Audited.',
        params: IdParamsSchema,
        body: AttendanceBodySchema,
        response: { 200: AttendanceResultSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(AttendanceBodySchema, raw, request.locale));
      return recordAttendance(uc, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.post(
    '/api/v1/training/classes/:id/complete',
    {
      config: { access: 'training.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Record results and complete the class',
        description:
          'One result per enrolment: COMPLETED (passed), FAILED or NO_SHOW, with score, grade and certificate number. A COMPLETED result records competency evidence for fit to position: the person is at least the course’s level in each competency it raises from `completedOn` (default: the class’s end date), with the class as the source. Correcting a result to FAILED or NO_SHOW removes that evidence; gaps and training needs follow. The class becomes COMPLETED. Audited.',
        params: IdParamsSchema,
        body: CompleteBodySchema,
        response: { 200: ClassDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(CompleteBodySchema, raw, request.locale));
      return complete(uc, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.get(
    '/api/v1/training/execution',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'Plan versus actual per unit and year',
        description:
          'Planned participants, classes and cost of a plan version (the latest finished one by default) against the classes held: seats, completions, classes and cost, per unit of the participants and year. Unit roles see their own unit.',
        querystring: ExecutionQuerySchema,
        response: { 200: ExecutionSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => executionReport(uc, actorOf(request), request.query),
  );
};
