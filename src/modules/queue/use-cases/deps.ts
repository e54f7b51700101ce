import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the queue use cases touch: the database (queue.repository) and the clock. */
export type QueueDeps = { db: Db; clock: Clock };
