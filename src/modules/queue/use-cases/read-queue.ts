import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { PROCEDURE_FIELDS } from '../../procedures/procedures.schemas.ts';
import { countWaitingByField, findUnit, listLatestCalled, listTickets, listTicketTimes } from '../queue.repository.ts';
import type { QueueDisplay, QueueStats, StatsQuery, Ticket, TicketListQuery } from '../queue.schemas.ts';
import { queueStatistics } from '../queue-stats.ts';
import { ticketLabel } from '../queue-ticket.ts';
import { counterUnitOf } from './counter.ts';
import type { QueueDeps } from './deps.ts';
import { queueUnit } from './issue-ticket.ts';
import { toTicket } from './present.ts';

/** The display shows this many calls: enough for a hall with several counters, readable from afar. */
export const DISPLAY_CALLS = 6;
const MAX_RANGE_DAYS = 366;

export async function listUnitTickets(deps: QueueDeps, actor: Actor, query: TicketListQuery): Promise<{ day: string; items: Ticket[] }> {
  const unitId = counterUnitOf(actor);
  const day = query.day ?? domainToday(deps.clock.now());
  const items = await listTickets(deps.db, unitId, day, query.status);
  return { day, items: items.map(toTicket) };
}

/** The statistics range: today by default, at most a year, `from` not after `to`. */
export function statsRange(query: StatsQuery, today: string): { from: string; to: string } {
  const from = query.from ?? query.to ?? today;
  const to = query.to ?? (query.from ? today : from);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days) || days < 0 || days >= MAX_RANGE_DAYS) throw new AppError('QUEUE_RANGE_INVALID', { max: MAX_RANGE_DAYS });
  return { from, to };
}

/** Wait and service times of the actor's unit per field, for tickets issued from `from` to `to` (both included). */
export async function unitStats(deps: QueueDeps, actor: Actor, query: StatsQuery): Promise<QueueStats> {
  const unitId = counterUnitOf(actor);
  const { from, to } = statsRange(query, domainToday(deps.clock.now()));
  const times = await listTicketTimes(deps.db, unitId, from, to);
  return { from, to, rows: queueStatistics(times, PROCEDURE_FIELDS) };
}

/** What the hall's screen shows: the latest calls with their counters and how many wait per field. */
export async function queueDisplay(deps: QueueDeps, unitCode: string): Promise<QueueDisplay> {
  const unit = await queueUnit(deps, unitCode);
  const day = domainToday(deps.clock.now());
  const [called, waiting] = await Promise.all([
    listLatestCalled(deps.db, unit.id, day, DISPLAY_CALLS),
    countWaitingByField(deps.db, unit.id, day),
  ]);
  const order = (f: string) => (PROCEDURE_FIELDS as readonly string[]).indexOf(f);
  return {
    unitName: unit.name,
    day,
    called: called.map((c) => ({
      label: ticketLabel(c.field, c.number),
      field: c.field,
      counterLabel: c.counterLabel,
      lastCalledAt: c.lastCalledAt,
    })),
    waiting: waiting.sort((a, b) => order(a.field) - order(b.field)),
  };
}

export async function counterUnit(deps: QueueDeps, actor: Actor): Promise<{ name: string; code: string }> {
  const unit = await findUnit(deps.db, counterUnitOf(actor));
  if (!unit) throw new AppError('FORBIDDEN');
  return { name: unit.name, code: unit.code };
}
