import type { Db } from '../../../platform/db/database.ts';

/**
 * SQL of the "my reviews" page: the campaigns a person takes part in, and the participants
 * waiting for a supervisor or a council in a unit (or the whole province). Bounded lists.
 */

export type Participation = {
  participantId: number;
  campaignId: number;
  campaignName: string;
  year: number;
  status: string;
  periodFrom: string;
  periodTo: string;
  selfSubmittedAt: string | null;
  supervisorSubmittedAt: string | null;
  councilDecidedAt: string | null;
};

/** Every campaign of the province in which the staff record takes part, newest year first. */
export async function participationsOfStaff(db: Db, provinceCode: string, staffId: number, limit: number): Promise<Participation[]> {
  return db
    .selectFrom('reviewParticipants as p')
    .innerJoin('reviewCampaigns as c', 'c.id', 'p.campaignId')
    .select([
      'p.id as participantId',
      'c.id as campaignId',
      'c.name as campaignName',
      'c.year',
      'c.status',
      'c.periodFrom',
      'c.periodTo',
      'p.selfSubmittedAt',
      'p.supervisorSubmittedAt',
      'p.councilDecidedAt',
    ])
    .where('p.staffId', '=', staffId)
    .where('p.provinceCode', '=', provinceCode)
    .where('c.provinceCode', '=', provinceCode)
    .orderBy('c.year', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

export type Waiting = {
  participantId: number;
  campaignId: number;
  campaignName: string;
  year: number;
  staffId: number;
  fullName: string;
  unitId: number;
  unitName: string;
};

/**
 * Participants of campaigns at `stage` whose step is not done yet: SUPERVISOR_REVIEW without a
 * supervisor review, COUNCIL without a council decision. `unitId` limits to one unit (unit
 * roles); `excludeStaffId` leaves out the reader's own record.
 */
export async function waitingAtStage(
  db: Db,
  provinceCode: string,
  stage: 'SUPERVISOR_REVIEW' | 'COUNCIL',
  opts: { unitId: number | null; excludeStaffId: number | null; limit: number },
): Promise<Waiting[]> {
  let q = db
    .selectFrom('reviewParticipants as p')
    .innerJoin('reviewCampaigns as c', 'c.id', 'p.campaignId')
    .innerJoin('staff as s', 's.id', 'p.staffId')
    .innerJoin('administrativeUnits as u', 'u.id', 'p.unitId')
    .select([
      'p.id as participantId',
      'c.id as campaignId',
      'c.name as campaignName',
      'c.year',
      'p.staffId',
      's.fullName',
      'p.unitId',
      'u.name as unitName',
    ])
    .where('p.provinceCode', '=', provinceCode)
    .where('c.provinceCode', '=', provinceCode)
    .where('c.status', '=', stage)
    .where(stage === 'SUPERVISOR_REVIEW' ? 'p.supervisorSubmittedAt' : 'p.councilDecidedAt', 'is', null);
  if (opts.unitId !== null) q = q.where('p.unitId', '=', opts.unitId);
  if (opts.excludeStaffId !== null) q = q.where('p.staffId', '<>', opts.excludeStaffId);
  return q.orderBy('c.id').orderBy('p.id').limit(opts.limit).execute();
}
