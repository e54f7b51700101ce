import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the staff use cases touch: the database (through staff.repository) and the clock. */
export type StaffDeps = { db: Db; clock: Clock };
