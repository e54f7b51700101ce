import type { Db } from '../../../../platform/db/database.ts';
import type { Mailer } from '../../../../platform/providers/mail.ts';
import type { Clock } from '../../../../platform/time/clock.ts';

/** What processing touches: the database, the clock, and the mail provider for citizen notices. */
export type ProcessingDeps = { db: Db; clock: Clock; mailer: Mailer };
