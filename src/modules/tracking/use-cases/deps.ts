import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the tracking use cases touch: the database (tracking.repository, the rules store, the calendar use cases) and the clock. */
export type TrackingDeps = { db: Db; clock: Clock };
