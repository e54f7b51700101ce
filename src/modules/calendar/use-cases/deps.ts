import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the calendar use cases touch: the database (calendar.repository, the rules store) and the clock. */
export type CalendarDeps = { db: Db; clock: Clock };
