import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the units use cases touch: the database (through units.repository) and the clock. */
export type UnitsDeps = { db: Db; clock: Clock };
