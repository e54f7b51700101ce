/**
 * The baseline: bare Fastify and the bare driver answering the same read as
 * GET /api/v1/units/:id — the unit, the province's lineage edges (for the scope check),
 * its bodies, its predecessors and successors — without authentication, validation,
 * serialisation schemas, security headers or Kysely. Run as its own process by
 * read-endpoint.bench.ts.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const [dialect, target, portArg] = process.argv.slice(2);
const port = Number(portArg);
const app = Fastify({ logger: false });

const UNIT = 'select * from administrative_units where id = $1';
const BODIES = 'select * from org_bodies where unit_id = $1 order by id';
const LINEAGE = 'select predecessor_id, successor_id, resolution, effective_date from unit_lineage where province_code = $1 order by id';
const LINKS = (side: string) =>
  `select l.resolution, l.effective_date, p.id as p_id, p.code as p_code, p.name as p_name, p.kind as p_kind, s.id as s_id, s.code as s_code, s.name as s_name, s.kind as s_kind from unit_lineage l join administrative_units p on p.id = l.predecessor_id join administrative_units s on s.id = l.successor_id where l.${side} = $1 order by l.id`;
const PREDECESSORS = LINKS('successor_id');
const SUCCESSORS = LINKS('predecessor_id');

if (dialect === 'sqlite') {
  const db = new Database(target, { readonly: true });
  db.pragma('journal_mode = WAL');
  const q = (s: string) => db.prepare(s.replace(/\$1/g, '?'));
  const [unit, lineage, bodies, preds, succs] = [q(UNIT), q(LINEAGE), q(BODIES), q(PREDECESSORS), q(SUCCESSORS)];
  app.get('/units/:id', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const row = unit.get(id) as { province_code: string } | undefined;
    if (!row) return reply.code(404).send({});
    lineage.all(row.province_code);
    return { ...row, bodies: bodies.all(id), predecessors: preds.all(id), successors: succs.all(id) };
  });
} else {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  app.get('/units/:id', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const u = await pool.query(UNIT, [id]);
    if (!u.rows[0]) return reply.code(404).send({});
    await pool.query(LINEAGE, [u.rows[0].province_code]);
    const [b, p, s] = await Promise.all([pool.query(BODIES, [id]), pool.query(PREDECESSORS, [id]), pool.query(SUCCESSORS, [id])]);
    return { ...u.rows[0], bodies: b.rows, predecessors: p.rows, successors: s.rows };
  });
}

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
