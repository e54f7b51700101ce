import { type Kysely, sql } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Review campaigns (issue 4 §4): a campaign walks OPEN → SELF_ASSESSMENT → SUPERVISOR_REVIEW →
 * COUNCIL → LOCKED. Participants are fixed when the campaign opens (person, unit, body,
 * position and its group: the excellent quota is counted per agency and group). Each stage
 * writes its own columns, so a later stage never overwrites an earlier one's judgement.
 * Locking writes an immutable snapshot (JSON + SHA-256); reopening adds a new one later.
 * JSON columns are text on both dialects: they are read whole, never queried inside.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('review_campaigns'))
    .addColumn('province_code', 'varchar(16)', notNull)
    /** Null: a province-wide campaign; otherwise the commune/ward that runs it. */
    .addColumn('owner_unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('period_from', dateType(db), notNull)
    .addColumn('period_to', dateType(db), notNull)
    .addColumn('regime', 'varchar(16)', (c) => c.notNull().check(sql`regime in ('DECREE_335', 'DECREE_90')`))
    /** JSON array of COMPETENCY, ANNUAL_EVALUATION, SCREENING_178. */
    .addColumn('instruments', 'text', notNull)
    .addColumn('scope_kind', 'varchar(16)', (c) => c.notNull().check(sql`scope_kind in ('UNITS', 'POSITIONS', 'PEOPLE')`))
    /** JSON: { unitIds } | { positionCodes, unitIds? } | { staffIds }. */
    .addColumn('scope', 'text', notNull)
    .addColumn('framework_version_id', 'integer', (c) => c.references('framework_versions.id'))
    .addColumn('status', 'varchar(24)', (c) =>
      c.notNull().check(sql`status in ('OPEN', 'SELF_ASSESSMENT', 'SUPERVISOR_REVIEW', 'COUNCIL', 'LOCKED')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer')
    .addColumn('locked_at', instantType(db))
    .addColumn('locked_by', 'integer')
    .execute();
  await db.schema.createIndex('review_campaigns_province_idx').on('review_campaigns').columns(['province_code', 'year']).execute();

  await idColumn(db, db.schema.createTable('review_participants'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaigns.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('org_body_id', 'integer', (c) => c.references('org_bodies.id'))
    .addColumn('position_id', 'integer', (c) => c.references('positions.id'))
    .addColumn('position_code', 'varchar(32)')
    .addColumn('position_group', 'varchar(16)')
    /** The person who reviews this participant at the supervisor stage, when known. */
    .addColumn('supervisor_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('self_submitted_at', instantType(db))
    .addColumn('supervisor_submitted_at', instantType(db))
    .addColumn('council_decided_at', instantType(db))
    .addUniqueConstraint('review_participants_uq', ['campaign_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('review_participants_unit_idx').on('review_participants').columns(['campaign_id', 'unit_id']).execute();
  await db.schema.createIndex('review_participants_staff_idx').on('review_participants').column('staff_id').execute();

  await idColumn(db, db.schema.createTable('review_competency_levels'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('review_participants.id'))
    .addColumn('competency_code', 'varchar(32)', notNull)
    /** The level the participant's position requires (copied at open; null when none is set). */
    .addColumn('required_level', 'integer')
    .addColumn('self_level', 'integer', (c) => c.check(sql`self_level between 1 and 5`))
    .addColumn('self_evidence', 'text')
    .addColumn('supervisor_level', 'integer', (c) => c.check(sql`supervisor_level between 1 and 5`))
    .addColumn('supervisor_evidence', 'text')
    .addColumn('council_level', 'integer', (c) => c.check(sql`council_level between 1 and 5`))
    .addColumn('council_evidence', 'text')
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('review_competency_levels_uq', ['participant_id', 'competency_code'])
    .execute();

  await idColumn(db, db.schema.createTable('review_evaluations'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('participant_id', 'integer', (c) => c.notNull().unique().references('review_participants.id'))
    .addColumn('regime', 'varchar(16)', notNull)
    /** JSON inputs of the rule (Decree335Input / Decree90Input) as each stage gave them. */
    .addColumn('self_input', 'text')
    .addColumn('supervisor_input', 'text')
    /** JSON result with its trace, computed from the supervisor's input with the config in force. */
    .addColumn('result', 'text')
    .addColumn('config_version', 'varchar(64)')
    .addColumn('score', 'real')
    .addColumn('rating', 'varchar(24)')
    /** The council's final rating (may lower a rating, e.g. to respect the excellent quota). */
    .addColumn('council_rating', 'varchar(24)')
    .addColumn('council_note', 'text')
    .addColumn('updated_at', instantType(db), notNull)
    .execute();

  await idColumn(db, db.schema.createTable('review_screenings'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('participant_id', 'integer', (c) => c.notNull().unique().references('review_participants.id'))
    /** JSON: the council's criterion scores. */
    .addColumn('criteria', 'text', notNull)
    /** JSON Screening178Result with its rule trace. */
    .addColumn('result', 'text', notNull)
    .addColumn('config_version', 'varchar(64)', notNull)
    .addColumn('outcome', 'varchar(24)', notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .execute();

  await idColumn(db, db.schema.createTable('review_snapshots'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaigns.id'))
    /** 1 at the first lock, 2 after a reopen and a second lock, … */
    .addColumn('sequence', 'integer', notNull)
    .addColumn('taken_at', instantType(db), notNull)
    .addColumn('taken_by', 'integer')
    .addColumn('payload', 'text', notNull)
    .addColumn('sha256', 'varchar(64)', notNull)
    .addUniqueConstraint('review_snapshots_uq', ['campaign_id', 'sequence'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'review_snapshots',
    'review_screenings',
    'review_evaluations',
    'review_competency_levels',
    'review_participants',
    'review_campaigns',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
