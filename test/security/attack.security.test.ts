import { afterAll, beforeAll, describe } from 'vitest';
import type { Dialect } from '../../src/platform/db/database.ts';
import { testDialects } from '../support/databases.ts';
import { bruteForceChecks } from './checks/brute-force.ts';
import { formulaExportChecks } from './checks/formula-exports.ts';
import { headerAndCsrfChecks } from './checks/headers-csrf.ts';
import { sqlmapChecks } from './checks/sqlmap.ts';
import { storedXssChecks } from './checks/stored-xss.ts';
import { uploadChecks } from './checks/uploads.ts';
import { wapitiChecks } from './checks/wapiti.ts';
import { type AttackServer, startAttackServer } from './support/cadre-server.ts';
import { FULL } from './support/mode.ts';
import { walked } from './support/shared.ts';

/**
 * Issue 8 §5, attack: one real `cadre serve` on 127.0.0.1 over the demo province per
 * database, attacked in a fixed order (the walk first, since later scans reuse the forms it
 * found; brute force last, since it locks the address out of tracking).
 * `npm run test:security:short` (SQLite, CI) and `npm run test:security` (every role, every
 * endpoint, wapiti; PostgreSQL too when TEST_DATABASE_URL is set).
 */
const dialects: Dialect[] = FULL ? testDialects() : ['sqlite'];

describe.each(dialects)('Cadre under attack (%s)', (dialect) => {
  let server: AttackServer | undefined;
  const get = () => {
    if (!server) throw new Error('the server did not start');
    return server;
  };
  beforeAll(async () => {
    walked.clear();
    server = await startAttackServer(dialect);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  describe('headers, clickjacking, CSRF', () => headerAndCsrfChecks(get));
  describe('stored script injection', () => storedXssChecks(get));
  describe('uploads', () => uploadChecks(get));
  describe('spreadsheet formula injection', () => formulaExportChecks(get));
  describe('sqlmap', () => sqlmapChecks(get, dialect));
  if (FULL) describe('wapiti', () => wapitiChecks(get));
  describe('brute force', () => bruteForceChecks(get));
});
