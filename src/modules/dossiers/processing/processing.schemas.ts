import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { PROCEDURE_FIELDS } from '../../procedures/procedures.schemas.ts';
import { OPEN_DUE_STATES } from '../lifecycle/due-state.ts';
import { DOSSIER_ACTIONS } from '../lifecycle/state-machine.ts';

/**
 * Bodies coerce their numbers and treat blank text as absent, so the HTML forms (flat text
 * fields) go through the same schemas as the JSON API.
 */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const TransitionBodySchema = z.strictObject({
  action: z.enum(DOSSIER_ACTIONS),
  /** Free note for the timeline. */
  note: optionalText(2000),
  /** The written reason REFUSE, STOP, WITHDRAW and REQUEST_SUPPLEMENT require. */
  reason: optionalText(2000),
  /** With START_PROCESSING or FORWARD: hand the dossier to this field specialist at once. */
  assigneeId: z.preprocess(blankToUndefined, Id.optional()),
  version: z.coerce.number().int().min(1),
});
export type TransitionInput = z.infer<typeof TransitionBodySchema>;

export const AssignBodySchema = z.strictObject({ assigneeId: Id, version: z.coerce.number().int().min(1) });
export type AssignInput = z.infer<typeof AssignBodySchema>;

export const BULK_ACTIONS = ['ASSIGN', 'START_PROCESSING'] as const;
export const BulkBodySchema = z.strictObject({
  action: z.enum(BULK_ACTIONS),
  ids: z.array(Id).min(1).max(100),
  assigneeId: z.preprocess(blankToUndefined, Id.optional()),
});
export type BulkInput = z.infer<typeof BulkBodySchema>;

export const BulkResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      ok: z.boolean(),
      /** The error code of a refusal (problem `code`); absent on success. */
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** A date (the appointment is then that working day's close of office) or an exact instant. */
export const ApologyBodySchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  newDueAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
});
export type ApologyInput = z.infer<typeof ApologyBodySchema>;

const DUE_STATE_VALUES = ['NOT_DUE', 'NEAR_DUE', 'OVERDUE', 'EARLY', 'ON_TIME', 'LATE'] as const;

export const SlipSchema = z.object({
  id: z.number().int(),
  dossierId: z.number().int(),
  reason: z.string(),
  previousDueAt: z.string(),
  newDueAt: z.string(),
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  channel: z.enum(['EMAIL', 'COUNTER']),
  deliveredAt: z.string().nullable(),
  deliveryError: z.string().nullable(),
});
export type Slip = z.infer<typeof SlipSchema>;

/** Where a dossier stands for processing, and what the caller may do with it now. */
export const ProcessingViewSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  status: z.number().int().min(1).max(10),
  step: z.string().nullable(),
  stepIndex: z.number().int(),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  version: z.number().int(),
  dueAt: z.string().nullable(),
  /** The appointment the citizen holds now: after pauses, or the latest apology slip's date. */
  appointmentAt: z.string().nullable(),
  dueState: z.enum(DUE_STATE_VALUES).nullable(),
  needsApology: z.boolean(),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  canAssign: z.boolean(),
  slips: z.array(SlipSchema),
});
export type ProcessingView = z.infer<typeof ProcessingViewSchema>;

export const InboxQuerySchema = z.object({
  field: z.preprocess(blankToUndefined, z.enum(PROCEDURE_FIELDS).optional()),
  status: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10).optional()),
  due: z.preprocess(blankToUndefined, z.enum(OPEN_DUE_STATES).optional()),
  ...PageQueryFields,
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxItemSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  status: z.number().int(),
  step: z.string().nullable(),
  procedure: z.object({ nationalCode: z.string(), nameVi: z.string(), nameEn: z.string(), field: z.string() }),
  applicantName: z.string(),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  dueAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  dueState: z.enum(DUE_STATE_VALUES).nullable(),
  needsApology: z.boolean(),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  version: z.number().int(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const InboxResponseSchema = z.object({
  items: z.array(InboxItemSchema),
  total: z.number().int(),
  totalCapped: z
    .boolean()
    .describe(
      'True when the unit has more than 2,000 open dossiers whose due state needs their pauses or slips (paused, rescheduled, finished awaiting return): the inbox weighs the 2,000 of those due soonest and `total` counts only those of them; filter by field, status or due state to see the rest. Other open dossiers are always all counted',
    ),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type InboxResponse = z.infer<typeof InboxResponseSchema>;
