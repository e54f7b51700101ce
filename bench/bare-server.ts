/**
 * The baseline: bare Fastify and the bare driver answering the same read as
 * GET /api/v1/units/:id (the unit, its bodies, its predecessors) — no authentication,
 * no validation, no audit, no Kysely. Run as its own process by read-endpoint.bench.ts.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const [dialect, target, portArg] = process.argv.slice(2);
const port = Number(portArg);
const app = Fastify({ logger: false });

const UNIT = 'select * from administrative_units where id = $1';
const BODIES = 'select * from org_bodies where unit_id = $1 order by id';
const PREDECESSORS =
  'select u.id, u.code, u.name, u.kind, l.resolution, l.effective_date from unit_lineage l join administrative_units u on u.id = l.predecessor_id where l.successor_id = $1 order by u.name';

if (dialect === 'sqlite') {
  const db = new Database(target, { readonly: true });
  db.pragma('journal_mode = WAL');
  const q = (s: string) => db.prepare(s.replace(/\$1/g, '?'));
  const [unit, bodies, preds] = [q(UNIT), q(BODIES), q(PREDECESSORS)];
  app.get('/units/:id', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const row = unit.get(id);
    if (!row) return reply.code(404).send({});
    return { ...row, bodies: bodies.all(id), predecessors: preds.all(id) };
  });
} else {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  app.get('/units/:id', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const [u, b, p] = await Promise.all([pool.query(UNIT, [id]), pool.query(BODIES, [id]), pool.query(PREDECESSORS, [id])]);
    if (!u.rows[0]) return reply.code(404).send({});
    return { ...u.rows[0], bodies: b.rows, predecessors: p.rows };
  });
}

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
