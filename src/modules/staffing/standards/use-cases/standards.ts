import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { getRuleInForce } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { PLACEHOLDER_EFFECTIVE_FROM, PLACEHOLDER_MINUTES, PLACEHOLDER_STANDARD_NOTE } from '../standard-defaults.ts';
import { standardInForce } from '../standard-in-force.ts';
import * as repo from '../standards.repository.ts';
import type { PutStandardBody, ServiceStandard, ServiceStandardList, StandardSourceKind } from '../standards.schemas.ts';

export type StandardDeps = { db: Db; clock: Clock };

const toView = (r: repo.StandardRow): NonNullable<ServiceStandard['standard']> => ({
  id: r.id,
  minutesPerDossier: r.minutesPerDossier,
  sourceKind: r.sourceKind as StandardSourceKind,
  sourceNote: r.sourceNote,
  effectiveFrom: r.effectiveFrom,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  version: r.version,
});

/**
 * Every procedure of the actor's province catalogue with the standard in force today, in
 * code order. Standards are province-wide (a unit role reads the same list).
 */
export async function listStandards(deps: StandardDeps, actor: Actor): Promise<ServiceStandardList> {
  const today = domainToday(deps.clock.now());
  const [procedures, rows, rule] = await Promise.all([
    repo.listCatalogueProcedures(deps.db, actor.provinceCode),
    repo.listStandardRows(deps.db, actor.provinceCode),
    getRuleInForce(deps.db, 'staffing.wisnStandards', actor.provinceCode, today),
  ]);
  const items = procedures.map((p) => {
    const own = rows.filter((r) => r.procedureCode === p.code);
    const current = standardInForce(own, p.code, today);
    // The version token is the procedure's highest version, whichever date it belongs to.
    const version = own.reduce((v, r) => Math.max(v, r.version), 0);
    return {
      procedureCode: p.code,
      procedureName: p.nameVi,
      field: p.field,
      standard: current ? { ...toView(current), version } : null,
      upcoming: own.filter((r) => r.effectiveFrom > today).length,
    };
  });
  return { asOf: today, defaultMinutesPerDossier: rule.value.defaultMinutesPerDossier, items };
}

/** The version token of one procedure (0 when it has no standard yet), for forms. */
export async function standardVersion(deps: StandardDeps, actor: Actor, code: string): Promise<number> {
  return repo.currentStandardVersion(deps.db, actor.provinceCode, code);
}

/**
 * Records a new standard of a procedure from `effectiveFrom` (the same date corrects that
 * version in place). `version` must be the procedure's current highest version (0 when none):
 * otherwise 409 VERSION_CONFLICT and nothing changes. Audited with before/after images.
 */
export async function putStandard(
  deps: StandardDeps,
  actor: Actor,
  code: string,
  body: PutStandardBody,
  meta: AuditMeta,
): Promise<ServiceStandard['standard'] & object> {
  if (!(await repo.procedureCodeExists(deps.db, actor.provinceCode, code))) throw new AppError('PROCEDURE_NOT_FOUND');
  const by = actor.via === 'system' ? null : actor.userId;
  return audited(deps.db, meta, 'staffing.standard.put', 'procedure_service_standard', async (trx) => {
    const current = await repo.currentStandardVersion(trx, actor.provinceCode, code);
    if (current !== body.version) throw new AppError('VERSION_CONFLICT');
    const next = current + 1;
    const change = { minutesPerDossier: body.minutesPerDossier, sourceKind: body.sourceKind, sourceNote: body.sourceNote, version: next };
    const existing = await repo.findStandardOn(trx, actor.provinceCode, code, body.effectiveFrom);
    let saved: repo.StandardRow | undefined;
    if (existing) {
      saved = await repo.updateStandard(trx, existing.id, existing.version, change, meta.at, by);
      if (!saved) throw new AppError('VERSION_CONFLICT');
    } else {
      saved = await repo.insertStandard(
        trx,
        actor.provinceCode,
        { procedureCode: code, effectiveFrom: body.effectiveFrom, ...change },
        meta.at,
        by,
      );
    }
    return { result: toView(saved), entityId: `${code}@${body.effectiveFrom}`, before: existing ?? null, after: saved };
  });
}

/**
 * Stores the Cadre placeholder standard (standard-defaults.ts) for every procedure of the
 * province's catalogue that has a placeholder figure and no standard at all yet. Called by the
 * demo seed and by a run (so a run's sources point at a stored, editable row). Procedures
 * outside the demo catalogue get nothing: a run uses the rule's default for them, flagged.
 * The caller owns the transaction and the audit entry. Returns the number of rows inserted.
 */
export async function ensurePlaceholderStandards(db: Db, provinceCode: string, at: string, by: number | null): Promise<number> {
  const [procedures, rows] = await Promise.all([repo.listCatalogueProcedures(db, provinceCode), repo.listStandardRows(db, provinceCode)]);
  const have = new Set(rows.map((r) => r.procedureCode));
  const missing = procedures
    .filter((p) => !have.has(p.code) && PLACEHOLDER_MINUTES[p.code] !== undefined)
    .map((p) => ({
      procedureCode: p.code,
      minutesPerDossier: PLACEHOLDER_MINUTES[p.code] as number,
      sourceKind: 'CADRE_PLACEHOLDER',
      sourceNote: PLACEHOLDER_STANDARD_NOTE,
      effectiveFrom: PLACEHOLDER_EFFECTIVE_FROM,
      version: 1,
    }));
  await repo.insertStandards(db, provinceCode, missing, at, by);
  return missing.length;
}
