import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the training use cases touch: the database (through training.repository) and the clock. */
export type TrainingDeps = { db: Db; clock: Clock };
