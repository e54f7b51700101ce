import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';

/** What the dossier use cases touch: the database (dossiers.repository, and the procedures and calendar use cases) and the clock. */
export type DossiersDeps = { db: Db; clock: Clock };
