import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyUnderPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountModule } from './modules/account/account.routes.tsx';
import { auditModule } from './modules/audit/audit.routes.tsx';
import { calendarModule } from './modules/calendar/calendar.routes.tsx';
import { competenciesModule } from './modules/competencies/competencies.routes.tsx';
import { documentsModule } from './modules/dossiers/documents/documents.routes.tsx';
import { dossiersModule } from './modules/dossiers/dossiers.routes.tsx';
import { processingModule } from './modules/dossiers/processing/processing.routes.tsx';
import { homeModule } from './modules/home/home.routes.tsx';
import { overviewModule } from './modules/overview/overview.routes.tsx';
import { positionFitModule } from './modules/position-fit/position-fit.routes.tsx';
import { positionsModule } from './modules/positions/positions.routes.tsx';
import { proceduresModule } from './modules/procedures/procedures.routes.tsx';
import { queueModule } from './modules/queue/queue.routes.tsx';
import { reportsModule } from './modules/reports/reports.routes.tsx';
import { reviewAssessmentsModule } from './modules/reviews/assessments/assessments.api.ts';
import { reviewAssessmentPages } from './modules/reviews/assessments/assessments.routes.tsx';
import { reviewCampaignsApi } from './modules/reviews/campaigns/campaigns.api.ts';
import { reviewCampaignPagesModule } from './modules/reviews/campaigns/campaigns.routes.tsx';
import { rulesAdminModule } from './modules/rules-admin/rules-admin.routes.tsx';
import { scorecardModule } from './modules/scorecard/scorecard.routes.tsx';
import { staffModule } from './modules/staff/staff.routes.tsx';
import { staffingModule } from './modules/staffing/staffing.routes.tsx';
import { trackingModule } from './modules/tracking/tracking.routes.tsx';
import { trainingPlansModule } from './modules/training/plan-versions/plan-versions.routes.tsx';
import { trainingModule } from './modules/training/training.routes.tsx';
import { unitsModule } from './modules/units/units.routes.tsx';
import { usersModule } from './modules/users/users.routes.tsx';
import { authRoutes } from './platform/auth/auth.routes.tsx';
import type { AuthDeps } from './platform/auth/auth.service.ts';
import type { ServerSecrets } from './platform/auth/secrets.ts';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/connect.ts';
import { AppError } from './platform/errors/app-error.ts';
import { registerBodyParsers } from './platform/http/body-parsers.ts';
import { cookieNames } from './platform/http/cookies.ts';
import { registerDrainRefusal } from './platform/http/drain.ts';
import { registerErrorHandling, sendError, toAppError } from './platform/http/error-handler.tsx';
import { healthRoutes } from './platform/http/health.routes.ts';
import { Bulkhead, registerHeavyReads } from './platform/http/heavy-reads.ts';
import { openApiRoutes, swaggerOptions } from './platform/http/openapi.routes.tsx';
import { registerRequestPipeline } from './platform/http/request-pipeline.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { JobWorker } from './platform/jobs/job-worker.ts';
import { loggerOptions } from './platform/logging.ts';
import { configurePdfRendering, stopPdfRendering } from './platform/pdf/pdf.ts';
import { PROJECT_ROOT } from './platform/project-root.ts';
import { type Clock, systemClock } from './platform/time/clock.ts';

/** What every module plugin receives: exactly the collaborators it may use (house rule 4). */
export type ModuleDeps = {
  db: DatabaseHandle['db'];
  readDb: DatabaseHandle['readDb'];
  clock: Clock;
  auth: AuthDeps;
  config: Config;
};

export type BuildOptions = {
  config: Config;
  database: DatabaseHandle;
  secrets: ServerSecrets;
  clock?: Clock;
  /** Tests turn off the rate limiter, which would otherwise throttle a fast suite. */
  rateLimit?: boolean;
  /**
   * Tests turn off load shedding: on a busy CI machine a slow test would otherwise get a
   * 503 that says nothing about the code under test (the 503 page has its own test).
   */
  loadShedding?: boolean;
  logger?: boolean;
};

const require = createRequire(import.meta.url);

/** The composition root: the only place that wires configuration, database and modules. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database, secrets } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config.LOG_LEVEL),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Drain refusals come from platform/http/drain.ts (problem+json with Retry-After), not Fastify's bare 503.
    return503OnClosing: false,
    // A URL the router cannot decode (bad percent-encoding) is refused before any hook: answer it as problem+json too.
    frameworkErrors: (error, request, reply) => sendError(request, reply, toAppError(error)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const auth: AuthDeps = {
    db: database.db,
    clock,
    secrets,
    settings: {
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
      mfaEnforceAll: config.MFA_ENFORCE_ALL,
      loginMaxFailures: config.LOGIN_MAX_FAILURES,
      loginLockMinutes: config.LOGIN_LOCK_MINUTES,
    },
  };
  const cookies = cookieNames(config.COOKIE_SECURE);
  const deps: ModuleDeps = { db: database.db, readDb: database.readDb, clock, auth, config };

  await app.register(fastifyCookie);
  // Communes work on slow, congested links: compress pages and JSON (brotli or gzip) above 1 KB.
  // Brotli's default quality (11) costs far too much CPU per dynamic response; 4 is near gzip speed.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerBodyParsers(app);
  registerSecurityHeaders(app);
  registerErrorHandling(app);
  registerDrainRefusal(app);
  // PDFs render in worker threads (platform/pdf), started on first use and ended with the app.
  configurePdfRendering({ workers: config.PDF_WORKERS, onWorkerLost: (err) => app.log.error({ err }, 'PDF render worker lost') });
  app.addHook('onClose', async () => stopPdfRendering());
  if (opts.rateLimit !== false) {
    await app.register(fastifyRateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      allowList: (req) => (req.url ?? '').startsWith('/health/'),
      errorResponseBuilder: () => new AppError('RATE_LIMITED'),
    });
  }
  registerHeavyReads(app, new Bulkhead(config.HEAVY_READS_CONCURRENCY, config.HEAVY_READS_MAX_WAIT_MS));
  if (opts.loadShedding !== false) {
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: 2000,
      exposeStatusRoute: false,
      pressureHandler: (_req, _reply, type) => {
        throw Object.assign(new AppError('SERVICE_UNAVAILABLE'), { pressureType: type });
      },
    });
  }
  await app.register(fastifySwagger, swaggerOptions());
  registerRequestPipeline(app, auth, cookies);

  await app.register(fastifyStatic, {
    root: path.join(PROJECT_ROOT, 'public'),
    prefix: '/static/',
    decorateReply: false,
    maxAge: '7d',
    immutable: true,
  });
  await app.register(fastifyStatic, {
    root: path.dirname(require.resolve('htmx.org/dist/htmx.min.js')),
    prefix: '/static/htmx/',
    decorateReply: false,
    allowedPath: (p) => p === '/htmx.min.js',
    maxAge: '7d',
    immutable: true,
  });

  await app.register(healthRoutes, { db: database.db });
  await app.register(openApiRoutes);
  await app.register(authRoutes, { auth, cookies });
  await app.register(homeModule, deps);
  await app.register(unitsModule, deps);
  await app.register(staffModule, deps);
  await app.register(accountModule, { ...deps, cookies });
  await app.register(usersModule, deps);
  await app.register(auditModule, deps);
  await app.register(calendarModule, deps);
  await app.register(proceduresModule, deps);
  await app.register(dossiersModule, deps);
  await app.register(processingModule, deps);
  await app.register(trackingModule, deps);
  await app.register(documentsModule, deps);
  await app.register(scorecardModule, deps);
  await app.register(queueModule, deps);
  await app.register(competenciesModule, deps);
  await app.register(positionsModule, deps);
  await app.register(positionFitModule, deps);
  await app.register(reviewCampaignsApi, deps);
  await app.register(reviewCampaignPagesModule, deps);
  await app.register(reviewAssessmentsModule, deps);
  await app.register(reviewAssessmentPages, deps);
  await app.register(staffingModule, deps);
  await app.register(trainingModule, deps);
  await app.register(rulesAdminModule, deps);
  await app.register(overviewModule, deps);
  // Durable background jobs (ADR 0010): handlers register here; serve() starts the polling, tests tick it.
  const jobs = new JobWorker({ db: database.db, clock, log: app.log });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => jobs.stop());
  await app.register(trainingPlansModule, { ...deps, jobs });
  await app.register(reportsModule, { ...deps, jobs });
  return app;
}
