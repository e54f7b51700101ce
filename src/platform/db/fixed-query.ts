import { type Compilable, CompiledQuery } from 'kysely';
import type { Db, Dialect } from './database.ts';
import { dialectOf } from './dialect.ts';

/** Marks a parameter position while the statement is built; no real value can contain a NUL followed by this text. */
const SLOT = '\u0000fixed-query-slot:';

/** A parameter position: a named slot, or a constant the query builder bound. */
type Bound = { slot: string } | { slot: null; value: unknown };

type Compiled = { sql: string; bind: (params: Record<string, unknown>) => unknown[] };

/**
 * A statement of fixed shape on a hot path, built once per dialect with the query builder and
 * then run with new parameters. Building, freezing, transforming (camel case) and compiling a
 * Kysely query costs more CPU than running a small indexed statement; the intake runs several
 * per request. `build` receives `slot(name)`, which stands for the parameter `name` wherever a
 * value goes; every other value in the built query is a constant. The compiled SQL also keys
 * SQLite's prepared-statement cache (platform/db/connect.ts). Result rows still pass through
 * the plugins (camelCase keys).
 */
export function fixedQuery<P extends Record<string, unknown>, R>(
  build: (db: Db, slot: <K extends keyof P & string>(name: K) => P[K]) => Compilable<R>,
): (db: Db, params: P) => Promise<{ rows: R[]; numAffectedRows: number }> {
  const compiled = new Map<Dialect, Compiled>();
  const compile = (db: Db): Compiled => {
    const names = new Set<string>();
    const slot = <K extends keyof P & string>(name: K): P[K] => {
      names.add(name);
      return `${SLOT}${name}` as P[K];
    };
    const q = build(db, slot).compile();
    const order: Bound[] = q.parameters.map((v) =>
      typeof v === 'string' && v.startsWith(SLOT) ? { slot: v.slice(SLOT.length) } : { slot: null, value: v },
    );
    for (const n of names) {
      if (!order.some((o) => o.slot === n)) throw new Error(`fixedQuery: slot ${n} is not a bound parameter`);
    }
    return {
      sql: q.sql,
      bind: (params) =>
        order.map((o) => {
          if (o.slot === null) return o.value;
          const v = params[o.slot];
          // SQLite refuses undefined; both drivers take null.
          return v === undefined ? null : v;
        }),
    };
  };
  return async (db, params) => {
    const dialect = dialectOf(db);
    let c = compiled.get(dialect);
    if (!c) {
      c = compile(db);
      compiled.set(dialect, c);
    }
    const r = await db.executeQuery<R>(CompiledQuery.raw(c.sql, c.bind(params)));
    return { rows: r.rows, numAffectedRows: Number(r.numAffectedRows ?? 0) };
  };
}
