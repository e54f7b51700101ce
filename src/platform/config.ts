import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed once at boot (house rule 7). Only the entry point passes
 * `process.env` here; everything else receives the frozen Config or a slice of it.
 * Each `.describe()` text feeds the README's configuration table (`cadre config-table`).
 */
const boolFromEnv = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port the server listens on.'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; use 0.0.0.0 behind a reverse proxy in a container.'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional()
      .describe('PostgreSQL connection URL. When absent Cadre uses the embedded SQLite file DATA_DIR/cadre.db.'),
    READ_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional()
      .describe(
        'Optional read replica for analytics (PostgreSQL only). Falls back to DATABASE_URL when unset, and while the replica cannot be reached (retried every 30 s).',
      ),
    PG_PARALLEL_WORKERS: z.coerce
      .number()
      .int()
      .min(0)
      .max(64)
      .default(0)
      .describe(
        "PostgreSQL only: max_parallel_workers_per_gather on Cadre's connections to the primary. 0 (default): each query runs on its own backend, so an overview does not take the cores the counters' requests need; raise it on a primary with cores to spare. Replica connections keep the server's setting.",
      ),
    DATA_DIR: z.string().min(1).default('./data').describe('Folder for the SQLite file, uploads, backups and generated secrets.'),
    DEMO_PASSWORD: z
      .string()
      .min(8, 'must be at least 8 characters')
      .max(128)
      .optional()
      .describe('Password given to every demo account by `npm start` / `cadre seed demo`. Generated and printed when absent.'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log verbosity (pino levels). Secrets, cookies and tokens are always redacted.'),
    COOKIE_SECURE: boolFromEnv
      .default(true)
      .describe(
        'Send session cookies as __Host- Secure cookies. Browsers accept these on https:// and on http://localhost; set false only for plain-HTTP test networks.',
      ),
    TRUST_PROXY: boolFromEnv
      .default(false)
      .describe('Trust X-Forwarded-* headers from a reverse proxy (for client IPs in throttling and audit).'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30)
      .describe('A session ends after this many minutes without a request.'),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12)
      .describe('A session ends this many hours after login, active or not.'),
    MFA_ENFORCE_ALL: boolFromEnv.default(false).describe('Require a TOTP second factor for every staff account, not only administrators.'),
    LOGIN_MAX_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Failed logins for one account within LOGIN_LOCK_MINUTES before it is locked for that long.'),
    LOGIN_LOCK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15)
      .describe('Throttling window and lock duration for failed logins.'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600).describe('Requests per minute per client IP before 429 answers.'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024)
      .describe('Largest accepted request body (JSON and forms).'),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(10 * 1024 * 1024)
      .describe('Largest accepted dossier attachment, per file (PDF, JPEG, PNG); at most 10 files per upload.'),
    ROSTER_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024)
      .describe('Largest accepted staff roster upload (XLSX); larger files are refused before any row is read.'),
    ROSTER_IMPORT_MAX_ROWS: z.coerce
      .number()
      .int()
      .min(1)
      .max(200_000)
      .default(5000)
      .describe('Most data rows in one roster import; every row is validated and all are written in one transaction.'),
    EXPORT_PDF_MAX_ROWS: z.coerce
      .number()
      .int()
      .min(10)
      .max(20_000)
      .default(2000)
      .describe('Most rows of one staff-list PDF export (built in memory); the XLSX export is streamed and takes more.'),
    PDF_WORKERS: z.coerce
      .number()
      .int()
      .min(0)
      .max(16)
      .default(1)
      .describe(
        'Worker threads that render PDFs (started on first use), so a long document does not stall other requests; 0 renders on the main thread.',
      ),
    SQLITE_READ_WORKERS: z.coerce
      .number()
      .int()
      .min(0)
      .max(16)
      .default(2)
      .describe(
        'SQLite only: worker threads that run the analytic reads (overview, scorecard, statistics, audit log) on their own connections, so a long read does not stall other requests; 0 runs them on the main connection.',
      ),
    HEAVY_READS_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .describe(
        'Analytic reads over a period of dossiers (overview, Decision 766 scorecard, workload statistics) computed at once per process; more wait their turn.',
      ),
    HEAVY_READS_MAX_WAIT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(120_000)
      .default(5000)
      .describe('How long such a read waits for its turn before it is answered 503 with Retry-After (never a silent timeout).'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional()
      .describe(
        'SMTP server for citizen emails (apology slips), e.g. smtp://user:pass@mail.example.vn:587. When absent, emails are written to DATA_DIR/outbox/*.eml so none is lost.',
      ),
    MAIL_FROM: z.string().min(3).max(254).default('Cadre <no-reply@cadre.invalid>').describe('Sender address of citizen emails.'),
    REPORT_SCHEDULE: z
      .enum(['on', 'off'])
      .default('on')
      .describe(
        'Build the scheduled monthly and quarterly reports in the background (rule reports.schedule decides which); off leaves only reports generated on demand.',
      ),
  })
  .strict();

export type Config = Readonly<
  z.infer<typeof ConfigSchema> & {
    dataDir: string;
    sqlitePath: string;
    dialect: 'sqlite' | 'postgres';
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const KNOWN = Object.keys(ConfigSchema.shape);

/** Parses the relevant variables of an environment; throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const result = ConfigSchema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const dataDir = path.resolve(result.data.DATA_DIR);
  return Object.freeze({
    ...result.data,
    dataDir,
    sqlitePath: path.join(dataDir, 'cadre.db'),
    dialect: result.data.DATABASE_URL ? 'postgres' : 'sqlite',
  });
}

/** Rows for the README configuration table, built from the schema descriptions. */
export function configTable(): { name: string; default: string; description: string }[] {
  return Object.entries(ConfigSchema.shape).map(([name, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const def = parsed.success && parsed.data !== undefined ? String(parsed.data) : '';
    return { name, default: def, description: (schema as z.ZodType).description ?? '' };
  });
}
