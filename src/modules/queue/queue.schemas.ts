import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { PROCEDURE_FIELDS } from '../procedures/procedures.schemas.ts';
import { TICKET_ACTIONS, TICKET_STATUSES } from './queue-ticket.ts';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const CounterLabelSchema = z.string().trim().min(1).max(40);

export const UnitCodeParamsSchema = z.object({ unitCode: z.string().trim().min(1).max(60) });

export const IssueTicketBodySchema = z.strictObject({ field: z.enum(PROCEDURE_FIELDS) });
export type IssueTicketBody = z.infer<typeof IssueTicketBodySchema>;

export const TicketSchema = z.object({
  id: z.number().int(),
  label: z.string().describe('Field letter and number, as shown and called: "D007"'),
  field: z.string(),
  day: z.string(),
  number: z.number().int(),
  status: z.enum(TICKET_STATUSES),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  lastCalledAt: z.string().nullable(),
  callCount: z.number().int(),
  counterLabel: z.string().nullable(),
  servedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  dossierId: z.number().int().nullable(),
  dossierCode: z.string().nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const IssuedTicketSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  field: z.string(),
  day: z.string(),
  number: z.number().int(),
  issuedAt: z.string(),
  unitName: z.string(),
  waitingAhead: z.number().int().describe('Tickets of the same field still waiting before this one'),
});
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>;

/** Checkbox lists arrive as one string or several; the API also takes an array. */
const FieldsSchema = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(PROCEDURE_FIELDS)).max(PROCEDURE_FIELDS.length),
);

export const CallNextBodySchema = z.strictObject({
  counter: CounterLabelSchema.describe('The counter calling, as shown on the display: "Quầy 2"'),
  fields: FieldsSchema.describe('The fields this counter serves; empty or absent means every field'),
});
export type CallNextBody = z.infer<typeof CallNextBodySchema>;

export const TicketActionBodySchema = z.strictObject({
  action: z.enum(TICKET_ACTIONS),
  counter: CounterLabelSchema.optional().describe('On recall: the counter the citizen should now go to (defaults to the first call’s)'),
});
export type TicketActionBody = z.infer<typeof TicketActionBodySchema>;

export const LinkDossierBodySchema = z.strictObject({
  dossierCode: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .transform((s) => s.toUpperCase()),
});
export type LinkDossierBody = z.infer<typeof LinkDossierBodySchema>;

export const TicketListQuerySchema = z.object({
  day: z.preprocess(blankToUndefined, DateSchema.optional()),
  status: z.preprocess(blankToUndefined, z.enum(TICKET_STATUSES).optional()),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

export const TicketListSchema = z.object({ day: z.string(), items: z.array(TicketSchema) });

export const StatsQuerySchema = z.object({
  from: z.preprocess(blankToUndefined, DateSchema.optional()),
  to: z.preprocess(blankToUndefined, DateSchema.optional()),
});
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

const TimeSummarySchema = z.object({
  count: z.number().int(),
  averageSeconds: z.number().nullable(),
  medianSeconds: z.number().nullable(),
});

export const QueueStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      field: z.string().nullable().describe('null on the total row'),
      issued: z.number().int(),
      served: z.number().int(),
      noShow: z.number().int(),
      wait: TimeSummarySchema.describe('Issue → first call'),
      service: TimeSummarySchema.describe('Start of service (or call) → finish, done tickets only'),
    }),
  ),
});
export type QueueStats = z.infer<typeof QueueStatsSchema>;

export const DisplaySchema = z.object({
  unitName: z.string(),
  day: z.string(),
  called: z.array(z.object({ label: z.string(), field: z.string(), counterLabel: z.string().nullable(), lastCalledAt: z.string() })),
  waiting: z.array(z.object({ field: z.string(), count: z.number().int() })),
});
export type QueueDisplay = z.infer<typeof DisplaySchema>;

/** The counter page's own settings travel in its URL, so a bookmark is a configured counter. */
export const CounterPageQuerySchema = z.object({
  counter: z.preprocess(blankToUndefined, CounterLabelSchema.optional()),
  fields: FieldsSchema,
  from: z.preprocess(blankToUndefined, DateSchema.optional()),
  to: z.preprocess(blankToUndefined, DateSchema.optional()),
});
export type CounterPageQuery = z.infer<typeof CounterPageQuerySchema>;
