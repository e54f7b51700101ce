import type { Db } from '../../../../platform/db/database.ts';
import type { PersonFacts } from '../../courses.ts';
import * as repo from '../execution.repository.ts';

/** Ratings of this many years before the date are read (the postgraduate rule reads at most the recent few). */
const RATING_LOOKBACK_YEARS = 10;

/**
 * What courses.ts's `eligibility()` reads of each person on `onDate`: rank, placement, birth
 * date, first appointment (service years), locked annual ratings and the classes they
 * completed. One place for it, so enrolment and the plan optimiser judge eligibility from the
 * same facts. `exceptClassId` leaves out the class being enrolled in (its own seat is not
 * history). The retirement date is not kept in the registry, so the commitment-before-
 * retirement check cannot refuse anyone yet. People of another province are not returned.
 */
export async function personFactsOf(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
  onDate: string,
  exceptClassId: number | null = null,
): Promise<Map<number, PersonFacts>> {
  const [staff, ratings, history] = await Promise.all([
    repo.staffForEligibility(db, provinceCode, staffIds, onDate),
    repo.ratingsOf(db, provinceCode, staffIds, Number(onDate.slice(0, 4)) - RATING_LOOKBACK_YEARS),
    repo.courseHistoryOf(db, staffIds),
  ]);
  const historyOf = new Map<number, typeof history>();
  for (const h of history) {
    if (h.classId === exceptClassId) continue;
    const list = historyOf.get(h.staffId);
    if (list) list.push(h);
    else historyOf.set(h.staffId, [h]);
  }
  const out = new Map<number, PersonFacts>();
  for (const s of staff) {
    const mine = historyOf.get(s.id) ?? [];
    out.set(s.id, {
      rank: s.rank,
      positionGroup: s.positionGroup,
      field: s.field,
      birthDate: s.birthDate,
      serviceStartDate: s.serviceStartDate,
      ratings: ratings.get(s.id) ?? [],
      completedCourses: [...new Set(mine.filter((h) => h.status === 'COMPLETED').map((h) => h.courseCode))].sort(),
      sentToPostgraduateBefore: mine.some((h) => (JSON.parse(h.eligibility) as { postgraduate: unknown }).postgraduate != null),
      retirementDate: null,
    });
  }
  return out;
}
