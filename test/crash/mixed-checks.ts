import { expect } from 'vitest';
import type { Query } from './cadre-process.ts';
import type { IntakeAck, LoadLog } from './mixed-load.ts';

/**
 * What the database must hold after a mixed load (mixed-load.ts) once every intake key was
 * retried: each acknowledged write exactly once, no half-committed write, gap-free numbers.
 * The same rules a crash must not break and a restored backup must still satisfy.
 */

type Dossier = { id: number; code: string; status: number; version: number };

/** The load's own dossiers (their summary carries the load's tag). */
export async function loadDossiers(query: Query, tag: string): Promise<Dossier[]> {
  const rows = await query<Dossier>('select id, code, status, version from dossiers where summary like ? order by id', [`%${tag}%`]);
  return rows.map((r) => ({ id: Number(r.id), code: r.code, status: Number(r.status), version: Number(r.version) }));
}

async function countBy(query: Query, sql: string, params: unknown[]): Promise<Map<number, number>> {
  const rows = await query<{ k: number; n: number }>(sql, params);
  return new Map(rows.map((r) => [Number(r.k), Number(r.n)]));
}

/**
 * Every intake committed whole (dossier + RECEIVED event + audit entry + idempotency key) or
 * not at all, and every START_PROCESSING at most once, with the audit entry beside it.
 */
export async function expectDossiersWhole(query: Query, tag: string, dossiers: Dossier[]): Promise<void> {
  const ids = new Set(dossiers.map((d) => d.id));
  const received = await countBy(
    query,
    "select e.dossier_id as k, count(*) as n from dossier_events e join dossiers d on d.id = e.dossier_id where e.kind = 'RECEIVED' and d.summary like ? group by e.dossier_id",
    [`%${tag}%`],
  );
  const started = await countBy(
    query,
    "select e.dossier_id as k, count(*) as n from dossier_events e join dossiers d on d.id = e.dossier_id where e.kind = 'START_PROCESSING' and d.summary like ? group by e.dossier_id",
    [`%${tag}%`],
  );
  const auditReceive = await countBy(
    query,
    "select a.entity_id as k, count(*) as n from audit_log a where a.action = 'dossier.receive' and a.entity_type = 'dossier' group by a.entity_id",
    [],
  );
  const auditTransition = await countBy(
    query,
    "select a.entity_id as k, count(*) as n from audit_log a where a.entity_type = 'dossier' and a.action like 'dossier.%' and a.after like '%\"status\":4%' and a.before like '%\"status\":2%' group by a.entity_id",
    [],
  );
  for (const d of dossiers) {
    expect(received.get(d.id) ?? 0, `RECEIVED events of ${d.code}`).toBe(1);
    expect(auditReceive.get(d.id) ?? 0, `dossier.receive audit entries of ${d.code}`).toBe(1);
    const s = started.get(d.id) ?? 0;
    expect(s, `START_PROCESSING events of ${d.code}`).toBe(d.status === 4 ? 1 : 0);
    expect(auditTransition.get(d.id) ?? 0, `2 → 4 audit entries of ${d.code}`).toBe(s);
    // Intake makes version 1; START_PROCESSING is the only change the load makes.
    expect(d.version, `version of ${d.code}`).toBe(1 + s);
  }
  expect(new Set(dossiers.map((d) => d.code)).size, 'dossier codes are unique').toBe(dossiers.length);
  expect([...received.keys()].filter((k) => !ids.has(k))).toEqual([]);
}

/** Dossier codes gap-free per agency and day across the whole table, the counter at the last one. */
export async function expectCodesGapFree(query: Query, prefixesOf: Dossier[]): Promise<void> {
  const everyCode = await query<{ code: string }>('select code from dossiers');
  const seqsByPrefix = new Map<string, number[]>();
  for (const { code } of everyCode) {
    const m = /^(.*)-(\d+)$/.exec(code);
    expect(m, code).not.toBeNull();
    const [, prefix = '', seq = ''] = m ?? [];
    seqsByPrefix.set(prefix, [...(seqsByPrefix.get(prefix) ?? []), Number(seq)]);
  }
  const counters = await query<{ agency_code: string; day: string; last_seq: number }>(
    'select agency_code, cast(day as text) as day, last_seq from dossier_code_counters',
  );
  for (const prefix of new Set(prefixesOf.map((d) => d.code.replace(/-\d+$/, '')))) {
    const seqs = [...(seqsByPrefix.get(prefix) ?? [])].sort((a, b) => a - b);
    expect(seqs, prefix).toEqual(seqs.map((_, i) => i + 1));
    const counter = counters.find((c) => `${c.agency_code}-${c.day}` === prefix);
    expect(Number(counter?.last_seq), prefix).toBe(seqs.length);
  }
}

/** Queue numbers gap-free per unit, field and day; every acknowledged ticket there with its number. */
export async function expectTickets(query: Query, log: LoadLog, acked = log.tickets): Promise<void> {
  const rows = await query<{ id: number; unit_id: number; field: string; day: string; number: number }>(
    'select id, unit_id, field, cast(day as text) as day, number from queue_tickets',
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (const t of acked) {
    const row = byId.get(t.id);
    expect(row, `ticket ${t.id}`).toBeDefined();
    expect({ number: Number(row?.number), field: row?.field, day: String(row?.day) }, `ticket ${t.id}`).toEqual({
      number: t.number,
      field: t.field,
      day: t.day,
    });
  }
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.unit_id}/${r.field}/${String(r.day)}`;
    groups.set(k, [...(groups.get(k) ?? []), Number(r.number)]);
  }
  for (const [k, numbers] of groups) {
    const sorted = numbers.sort((a, b) => a - b);
    expect(sorted, k).toEqual(sorted.map((_, i) => i + 1));
  }
}

/**
 * Each acknowledged staff edit is in the audit log exactly once (found by its unique reason), no
 * edit of this load is there twice, and each record's version counts exactly the edits recorded.
 */
export async function expectDisciplineEdits(
  query: Query,
  log: LoadLog,
  versionsBefore: Map<number, number>,
  acked = log.discipline,
): Promise<void> {
  const entries = await query<{ entity_id: string; after: string }>(
    "select entity_id, after from audit_log where action = 'staff.discipline.set' and after like ?",
    [`%${log.setup.tag}-hr-%`],
  );
  const reasons = entries.map((e) => (JSON.parse(e.after) as { reason: string }).reason);
  expect(reasons.length, 'no staff edit recorded twice').toBe(new Set(reasons).size);
  for (const a of acked) expect(reasons, `edit ${a.reason}`).toContain(a.reason);
  const staff = await query<{ id: number; version: number }>('select id, version from staff');
  for (const [staffId, before] of versionsBefore) {
    const edits = entries.filter((e) => Number(e.entity_id) === staffId).length;
    expect(Number(staff.find((s) => Number(s.id) === staffId)?.version), `version of staff ${staffId}`).toBe(before + edits);
  }
}

/** After every key was retried: each acknowledged intake replayed with its first answer, none doubled. */
export async function expectIntakeExactlyOnce(
  query: Query,
  log: LoadLog,
  retried: Map<string, { replayed: boolean; ack: IntakeAck }>,
): Promise<Dossier[]> {
  const slots = log.intake.flat();
  for (const slot of slots) {
    const r = retried.get(slot.key);
    expect(r, slot.key).toBeDefined();
    if (slot.ack) {
      expect(r?.replayed, `${slot.key} must replay`).toBe(true);
      expect(r?.ack, slot.key).toEqual(slot.ack);
    }
  }
  const dossiers = await loadDossiers(query, log.setup.tag);
  expect(dossiers, 'one dossier per key').toHaveLength(slots.length);
  const byId = new Map(dossiers.map((d) => [d.id, d.code]));
  for (const slot of slots) expect(byId.get(retried.get(slot.key)?.ack.id ?? 0), slot.key).toBe(retried.get(slot.key)?.ack.code);
  const keys = await query<{ key: string; response: string }>('select key, response from idempotency_keys where key like ?', [
    `${log.setup.tag}-%`,
  ]);
  expect(keys, 'one idempotency key row per key').toHaveLength(slots.length);
  for (const k of keys) expect((JSON.parse(k.response) as IntakeAck).code, k.key).toBe(retried.get(k.key)?.ack.code);
  return dossiers;
}

/** Everything above, after the load ended and every intake key was retried. */
export async function expectLoadHeld(
  query: Query,
  log: LoadLog,
  retried: Map<string, { replayed: boolean; ack: IntakeAck }>,
  staffVersionsBefore: Map<number, number>,
): Promise<void> {
  expect(log.unexpected, 'answers other than success or 503').toEqual([]);
  const dossiers = await expectIntakeExactlyOnce(query, log, retried);
  await expectDossiersWhole(query, log.setup.tag, dossiers);
  const status = new Map(dossiers.map((d) => [d.id, d.status]));
  for (const t of log.transitions) expect(status.get(t.dossierId), `acknowledged START_PROCESSING of ${t.dossierId}`).toBe(4);
  await expectCodesGapFree(query, dossiers);
  await expectTickets(query, log);
  await expectDisciplineEdits(query, log, staffVersionsBefore);
}

export async function staffVersions(query: Query, ids: number[]): Promise<Map<number, number>> {
  const rows = await query<{ id: number; version: number }>(
    `select id, version from staff where id in (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.version)]));
}
