import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the procedure use cases touch: the database (through procedures.repository) and the clock. */
export type ProceduresDeps = { db: Db; clock: Clock };
