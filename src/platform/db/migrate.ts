import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001-core.ts';
import * as m0002 from './migrations/0002-security.ts';
import * as m0003 from './migrations/0003-staff.ts';
import * as m0004 from './migrations/0004-audit-append-only.ts';
import * as m0005 from './migrations/0005-calendar-and-rules.ts';
import * as m0006 from './migrations/0006-procedures.ts';
import * as m0007 from './migrations/0007-dossiers.ts';
import * as m0008 from './migrations/0008-dossier-processing.ts';
import * as m0010 from './migrations/0010-tracking.ts';
import * as m0011 from './migrations/0011-reference-generation.ts';
import * as m0012 from './migrations/0012-queue.ts';
import * as m0013 from './migrations/0013-positions-competencies.ts';
import * as m0014 from './migrations/0014-dossier-766-facts.ts';
import * as m0015 from './migrations/0015-feedback-deadlines.ts';
import * as m0016 from './migrations/0016-staff-profile-and-user-link.ts';
import * as m0017 from './migrations/0017-review-campaigns.ts';
import * as m0018 from './migrations/0018-competency-tests.ts';
import * as m0019 from './migrations/0019-staff-name-sort.ts';
import * as m0020 from './migrations/0020-staffing-runs.ts';
import * as m0021 from './migrations/0021-placements.ts';
import * as m0022 from './migrations/0022-training-courses.ts';
import * as m0023 from './migrations/0023-jobs-and-training-plans.ts';
import * as m0024 from './migrations/0024-training-execution.ts';
import * as m0025 from './migrations/0025-scorecard-supplied-counts.ts';
import * as m0026 from './migrations/0026-staffing-run-line-dictionary.ts';
import * as m0027 from './migrations/0027-reports.ts';
import * as m0028 from './migrations/0028-job-priority.ts';
import * as m0029 from './migrations/0029-assessment-sheet-version.ts';
import * as m0030 from './migrations/0030-framework-and-rule-revisions.ts';
import * as m0031 from './migrations/0031-dossier-list-status-index.ts';

/**
 * Migrations are listed statically rather than read from a folder, so they work the same
 * under tsx, in tests and in a bundled build. Kysely's migrator takes a lock and refuses
 * migrations that arrive out of order.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-security': m0002,
  '0003-staff': m0003,
  '0004-audit-append-only': m0004,
  '0005-calendar-and-rules': m0005,
  '0006-procedures': m0006,
  '0007-dossiers': m0007,
  '0008-dossier-processing': m0008,
  '0010-tracking': m0010,
  '0011-reference-generation': m0011,
  '0012-queue': m0012,
  '0013-positions-competencies': m0013,
  '0014-dossier-766-facts': m0014,
  '0015-feedback-deadlines': m0015,
  '0016-staff-profile-and-user-link': m0016,
  '0017-review-campaigns': m0017,
  '0018-competency-tests': m0018,
  '0019-staff-name-sort': m0019,
  '0020-staffing-runs': m0020,
  '0021-placements': m0021,
  '0022-training-courses': m0022,
  '0023-jobs-and-training-plans': m0023,
  '0024-training-execution': m0024,
  '0025-scorecard-supplied-counts': m0025,
  '0026-staffing-run-line-dictionary': m0026,
  '0027-reports': m0027,
  '0028-job-priority': m0028,
  '0029-assessment-sheet-version': m0029,
  '0030-framework-and-rule-revisions': m0030,
  '0031-dossier-list-status-index': m0031,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // The migrator must see raw snake_case names: run it on a handle without the CamelCasePlugin.
  const raw = db.withoutPlugins();
  const migrator = new Migrator({ db: raw, provider });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

export function latestMigrationName(): string {
  return Object.keys(MIGRATIONS).sort().at(-1) ?? '';
}
