import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { getRules } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { loadWorkingCalendar } from '../../calendar/use-cases/load-calendar.ts';
import { addPeriod } from '../../calendar/working-days.ts';
import { handledOnTime } from '../feedback-deadlines.ts';
import {
  type FeedbackRecord,
  findCurrentUnit,
  findDefaultProvince,
  findDossierByCode,
  findFeedback,
  insertFeedback,
  listCurrentUnits,
  listFeedback,
  type UnitOption,
  updateFeedbackAnswer,
} from '../tracking.repository.ts';
import type { Feedback, FeedbackAnswerBody, FeedbackBody, FeedbackList, FeedbackListQuery } from '../tracking.schemas.ts';
import type { TrackingDeps } from './deps.ts';

const CLOSED = new Set(['ANSWERED', 'REFUSED']);

export function toFeedback(f: FeedbackRecord, now: Date): Feedback {
  return {
    id: f.id,
    unitId: f.unitId,
    unitName: f.unitName,
    dossierCode: f.dossierCode,
    kind: f.kind,
    text: f.text,
    contact: f.contact,
    receivedAt: f.receivedAt,
    dueAt: f.dueAt,
    refuseDueAt: f.refuseDueAt,
    infoDueAt: f.infoDueAt,
    isOverdue: !CLOSED.has(f.status) && new Date(f.dueAt).getTime() < now.getTime(),
    handledOnTime: handledOnTime(f.status, f.answeredAt, { answerBy: f.dueAt, refuseBy: f.refuseDueAt, infoRequestBy: f.infoDueAt }),
    status: f.status,
    answer: f.answer,
    answeredAt: f.answeredAt,
    version: f.version,
  };
}

/** The units a citizen may address: the current communes and wards of the province (the first one by default). */
export async function feedbackUnits(
  deps: TrackingDeps,
  province: string | undefined,
): Promise<{ provinceCode: string; units: UnitOption[] }> {
  const provinceCode = province ?? (await findDefaultProvince(deps.db)) ?? '';
  return { provinceCode, units: await listCurrentUnits(deps.db, provinceCode) };
}

/**
 * Records a citizen's feedback, complaint or petition (PAKN) for a commune, due
 * `feedback.answerWorkingDays` working days after receipt by the province's calendar.
 * A dossier code is linked when it names a dossier of that province; otherwise it is kept
 * as typed (the answer does not say which, so codes cannot be probed).
 */
export async function submitFeedback(
  deps: TrackingDeps,
  body: FeedbackBody,
  requestId: string,
): Promise<{ id: number; receivedAt: string; dueAt: string }> {
  const unit = await findCurrentUnit(deps.db, body.unitId);
  if (!unit) throw new AppError('FEEDBACK_UNIT_INVALID', {}, [{ path: 'unitId', message: 'not a current commune or ward' }]);
  const now = deps.clock.now();
  const receivedAt = now.toISOString();
  const [days, cal] = await Promise.all([
    getRules(
      deps.db,
      ['feedback.answerWorkingDays', 'feedback.refuseWorkingDays', 'feedback.infoRequestWorkingDays'],
      unit.provinceCode,
      domainToday(now),
    ),
    loadWorkingCalendar(deps, unit.provinceCode, now),
  ]);
  const by = (n: number) => addPeriod(now, n, 'working_days', cal.calendar, cal.rules).due.toISOString();
  const due = {
    due: by(days['feedback.answerWorkingDays'].value),
    refuse: by(days['feedback.refuseWorkingDays'].value),
    info: by(days['feedback.infoRequestWorkingDays'].value),
  };
  const code = body.dossierCode?.toUpperCase() ?? null;
  const dossier = code ? await findDossierByCode(deps.db, code) : undefined;
  const meta: AuditMeta = { actor: null, requestId, at: receivedAt, provinceCode: unit.provinceCode };
  const id = await audited(deps.db, meta, 'feedback.receive', 'feedback', async (trx) => {
    const newId = await insertFeedback(trx, {
      provinceCode: unit.provinceCode,
      unitId: unit.id,
      dossierId: dossier && dossier.provinceCode === unit.provinceCode ? dossier.id : null,
      dossierCode: code,
      kind: body.kind,
      text: body.text,
      contact: body.contact,
      receivedAt,
      dueAt: due.due,
      refuseDueAt: due.refuse,
      infoDueAt: due.info,
    });
    // Text and contact are personal data: the audit entry records the fact, not the content.
    return { result: newId, entityId: newId, after: { unitId: unit.id, kind: body.kind, dueAt: due.due } };
  });
  return { id, receivedAt, dueAt: due.due };
}

/** The feedback of the actor's unit, open items first, overdue leading. */
export async function listUnitFeedback(deps: TrackingDeps, actor: Actor, query: FeedbackListQuery): Promise<FeedbackList> {
  const result = await listFeedback(deps.db, {
    provinceCode: actor.provinceCode,
    unitId: actor.unitId ?? -1,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const now = deps.clock.now();
  return { items: result.items.map((f) => toFeedback(f, now)), total: result.total, page: query.page, pageSize: query.pageSize };
}

async function loadUnitFeedback(deps: TrackingDeps, actor: Actor, id: number): Promise<FeedbackRecord> {
  const f = await findFeedback(deps.db, id);
  if (!f) throw new AppError('FEEDBACK_NOT_FOUND');
  if (f.provinceCode !== actor.provinceCode || f.unitId !== actor.unitId) throw AppError.denied('FEEDBACK_NOT_FOUND');
  return f;
}

export async function getUnitFeedback(deps: TrackingDeps, actor: Actor, id: number): Promise<Feedback> {
  return toFeedback(await loadUnitFeedback(deps, actor, id), deps.clock.now());
}

/** Answers, refuses or asks for more information on a feedback item; audited with before and after. */
export async function answerFeedback(
  deps: TrackingDeps,
  actor: Actor,
  id: number,
  body: FeedbackAnswerBody,
  meta: AuditMeta,
): Promise<Feedback> {
  const action =
    body.decision === 'REFUSED' ? 'feedback.refuse' : body.decision === 'ANSWERED' ? 'feedback.answer' : 'feedback.requestInfo';
  await audited(deps.db, meta, action, 'feedback', async (trx) => {
    const f = await loadUnitFeedback({ ...deps, db: trx }, actor, id);
    if (CLOSED.has(f.status)) throw new AppError('FEEDBACK_ALREADY_CLOSED');
    const changes = { status: body.decision, answer: body.answer, answeredAt: meta.at, answeredBy: actor.userId };
    if (f.version !== body.version || !(await updateFeedbackAnswer(trx, id, f.version, changes))) {
      throw new AppError('VERSION_CONFLICT');
    }
    return { result: undefined, entityId: id, before: { status: f.status }, after: { status: body.decision, answer: body.answer } };
  });
  return getUnitFeedback(deps, actor, id);
}
