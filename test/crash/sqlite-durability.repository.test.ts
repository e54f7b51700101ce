import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/cli/context.ts';
import { parseConfig } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/connect.ts';

/**
 * Issue 8 §4, power loss on SQLite: no fault-injecting filesystem runs on this machine (see
 * bench/RESULTS.md), so this pins what the durability argument rests on. The connection the
 * server and the CLI open (src/cli/context.ts → platform/db/connect.ts) runs journal_mode=WAL
 * with synchronous=FULL: every COMMIT appends its frames to the -wal file and fsyncs it before
 * the commit returns, so an acknowledged transaction is on stable storage, and a torn tail of
 * the WAL after power loss is discarded by its frame checksums at the next open.
 */

let handle: DatabaseHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function pragma(h: DatabaseHandle, name: string): Promise<unknown> {
  const { rows } = await sql.raw(`pragma ${name}`).execute(h.db);
  return Object.values((rows[0] ?? {}) as Record<string, unknown>)[0];
}

describe('the SQLite connection Cadre opens', () => {
  it('runs WAL with synchronous=FULL (2), so an acknowledged commit is fsynced', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-durability-'));
    const config = parseConfig({ DATA_DIR: dir });
    handle = await openDatabase(config);
    expect(handle.dialect).toBe('sqlite');
    expect(await pragma(handle, 'journal_mode')).toBe('wal');
    // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. NORMAL in WAL mode may lose the last commits on power loss.
    expect(Number(await pragma(handle, 'synchronous'))).toBe(2);
    // A checkpoint never copies frames of an unfinished transaction; fullfsync only matters on macOS.
    expect(Number(await pragma(handle, 'wal_autocheckpoint'))).toBeGreaterThan(0);
  });
});
