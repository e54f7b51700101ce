/**
 * The intake baseline: bare Fastify and the bare driver doing the writes a counter intake
 * must do — bump the agency's daily code counter, insert the dossier row and its RECEIVED
 * event, in one transaction with the same durability settings as Cadre — and answering
 * 201 with the new dossier. No authentication, idempotency, validation, procedure or
 * calendar lookups, audit chain or query builder. Run as its own process by intake.bench.ts:
 *
 *   node --import tsx bench/bare-intake-server.ts <sqlite|postgres> <file|url> <port> <unitId>
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const [dialect, target, portArg, unitArg] = process.argv.slice(2);
const port = Number(portArg);
const unitId = Number(unitArg);
const app = Fastify({ logger: false });

type Body = { applicantName: string; applicantPhone?: string; summary?: string; channel: string; competentUnitId: number };

const UNIT = 'select province_code, code from administrative_units where id = $1';
const PROCEDURE = "select id from procedures where national_code = '1.001193' order by id desc limit 1";
const COUNTER =
  'insert into dossier_code_counters (province_code, agency_code, day, last_seq) values ($1, $2, $3, 1) on conflict (agency_code, day) do update set last_seq = dossier_code_counters.last_seq + 1 returning last_seq';
const DOSSIER =
  'insert into dossiers (province_code, code, receiving_unit_id, competent_unit_id, procedure_id, channel, status, applicant_name, applicant_name_search, applicant_phone, summary, received_at, valid_at, due_at, created_at, updated_at, created_by) values ($1, $2, $3, $4, $5, 1, 2, $6, $7, $8, $9, $10, $10, $11, $10, $10, null) returning id';
const EVENT =
  "insert into dossier_events (province_code, dossier_id, at, actor_user_id, kind, from_status, to_status, note, data) values ($1, $2, $3, null, 'RECEIVED', null, 2, null, $4)";

const searchKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
/** The reception day in Vietnam (UTC+7, no daylight saving), as Cadre's codes use it. */
const yymmdd = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');

type Intake = { province: string; agency: string; procedureId: number; body: Body; now: Date };
function params(i: Intake, seq: number) {
  const at = i.now.toISOString();
  const due = new Date(i.now.getTime() + 3 * 86_400_000).toISOString();
  const code = `${i.agency}-${yymmdd(i.now)}-${String(seq).padStart(4, '0')}`;
  return {
    code,
    dossier: [
      i.province,
      code,
      unitId,
      i.body.competentUnitId,
      i.procedureId,
      i.body.applicantName,
      searchKey(i.body.applicantName),
      i.body.applicantPhone ?? null,
      i.body.summary ?? null,
      at,
      due,
    ] as unknown[],
    at,
    data: JSON.stringify({ channel: i.body.channel, dueAt: due }),
  };
}

if (dialect === 'sqlite') {
  const db = new Database(target);
  // The same durability Cadre runs with (src/platform/db/connect.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // PostgreSQL's $n placeholders (one repeated) as SQLite's positional ones.
  const q = (s: string) => {
    const stmt = db.prepare(s.replace(/\$\d+/g, '?'));
    const order = [...s.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
    const args = (a: unknown[]) => order.map((i) => a[i]);
    return { get: (...a: unknown[]) => stmt.get(...args(a)), run: (...a: unknown[]) => stmt.run(...args(a)) };
  };
  const unit = q(UNIT).get(unitId) as { province_code: string; code: string };
  const procedureId = (q(PROCEDURE).get() as { id: number }).id;
  const [counter, dossier, event] = [q(COUNTER), q(DOSSIER), q(EVENT)];
  const intake = db.transaction((i: Intake) => {
    const { last_seq } = counter.get(i.province, i.agency, yymmdd(i.now)) as { last_seq: number };
    const p = params(i, last_seq);
    const { id } = dossier.get(...p.dossier) as { id: number };
    event.run(i.province, id, p.at, p.data);
    return { id, code: p.code };
  });
  app.post('/dossiers', async (req, reply) => {
    const saved = intake({ province: unit.province_code, agency: unit.code, procedureId, body: req.body as Body, now: new Date() });
    return reply.code(201).send(saved);
  });
} else {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  const unit = (await pool.query(UNIT, [unitId])).rows[0] as { province_code: string; code: string };
  const procedureId = Number((await pool.query(PROCEDURE)).rows[0].id);
  app.post('/dossiers', async (req, reply) => {
    const i: Intake = { province: unit.province_code, agency: unit.code, procedureId, body: req.body as Body, now: new Date() };
    const c = await pool.connect();
    try {
      await c.query('begin');
      const seq = Number((await c.query(COUNTER, [i.province, i.agency, yymmdd(i.now)])).rows[0].last_seq);
      const p = params(i, seq);
      const id = Number((await c.query(DOSSIER, p.dossier)).rows[0].id);
      await c.query(EVENT, [i.province, id, p.at, p.data]);
      await c.query('commit');
      return reply.code(201).send({ id, code: p.code });
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  });
}

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
