import { describe, expect, it } from 'vitest';
import {
  addMonths,
  assessedLevel,
  type CampaignLevel,
  educationLevelOf,
  evaluateFit,
  type FitInput,
  fieldCheck,
  finalLevel,
  rankCheck,
  type TestLevel,
} from './fit.ts';

const campaign = (over: Partial<CampaignLevel>): CampaignLevel => ({
  competencyCode: 'GEN.LAW',
  campaignId: 1,
  campaignName: 'Đánh giá 2025',
  lockedOn: '2026-01-15',
  selfLevel: null,
  supervisorLevel: null,
  councilLevel: null,
  ...over,
});

const test = (over: Partial<TestLevel>): TestLevel => ({
  id: 1,
  competencyCode: 'GEN.LAW',
  testName: 'Sát hạch 2026',
  takenOn: '2026-02-10',
  levelAchieved: 3,
  passed: true,
  ...over,
});

const input = (over: Partial<FitInput> = {}): FitInput => ({
  person: { rank: 'CHUYEN_VIEN', qualification: 'Cử nhân', education: '12/12', qualificationField: 'Luật' },
  position: {
    requiredRank: 'CHUYEN_VIEN',
    educationLevel: 'UNIVERSITY',
    qualificationFields: ['Luật', 'Hành chính học'],
    startDate: '2025-07-01',
    requirements: [
      { competencyCode: 'GEN.LAW', level: 3 },
      { competencyCode: 'FLD.LAND', level: 4 },
    ],
  },
  campaignLevels: [campaign({ supervisorLevel: 3 }), campaign({ competencyCode: 'FLD.LAND', councilLevel: 4, supervisorLevel: 2 })],
  tests: [],
  graceMonths: 12,
  today: '2026-03-02',
  ...over,
});

describe('assessed level', () => {
  it('takes council over supervisor over self', () => {
    expect(finalLevel({ selfLevel: 5, supervisorLevel: 3, councilLevel: 2 })).toBe(2);
    expect(finalLevel({ selfLevel: 5, supervisorLevel: 3, councilLevel: null })).toBe(3);
    expect(finalLevel({ selfLevel: 5, supervisorLevel: null, councilLevel: null })).toBe(5);
    expect(finalLevel({ selfLevel: null, supervisorLevel: null, councilLevel: null })).toBeNull();
  });

  it('reads the latest locked campaign that gave a level, and names it', () => {
    const levels = [
      campaign({ campaignId: 1, lockedOn: '2025-01-20', supervisorLevel: 2 }),
      campaign({ campaignId: 2, campaignName: 'Đánh giá 2026', lockedOn: '2026-01-15', selfLevel: 4 }),
      campaign({ campaignId: 3, lockedOn: '2026-02-01' }),
    ];
    expect(assessedLevel('GEN.LAW', levels, [])).toEqual({
      level: 4,
      origin: { kind: 'CAMPAIGN', campaignId: 2, campaignName: 'Đánh giá 2026', on: '2026-01-15', stage: 'SELF' },
    });
  });

  it('prefers a competency test taken after the campaign was locked, and only then', () => {
    const levels = [campaign({ supervisorLevel: 2, lockedOn: '2026-01-15' })];
    expect(assessedLevel('GEN.LAW', levels, [test({ takenOn: '2026-02-10', levelAchieved: 4 })])).toMatchObject({
      level: 4,
      origin: { kind: 'TEST', on: '2026-02-10' },
    });
    expect(assessedLevel('GEN.LAW', levels, [test({ takenOn: '2026-01-15', levelAchieved: 4 })])).toMatchObject({
      level: 2,
      origin: { kind: 'CAMPAIGN' },
    });
  });

  it('uses the latest test when there is no campaign, and null when never assessed', () => {
    const tests = [test({ id: 1, takenOn: '2025-05-01', levelAchieved: 1 }), test({ id: 2, takenOn: '2025-09-01', levelAchieved: 3 })];
    expect(assessedLevel('GEN.LAW', [], tests)?.level).toBe(3);
    expect(assessedLevel('FLD.LAND', [], tests)).toBeNull();
  });
});

describe('rank, education and field checks', () => {
  it('compares Law 80/2025 tiers: a higher rank meets a lower requirement', () => {
    expect(rankCheck('CHUYEN_VIEN', 'CHUYEN_VIEN_CHINH').status).toBe('MET');
    expect(rankCheck('CHUYEN_VIEN', 'CHUYEN_VIEN').status).toBe('MET');
    expect(rankCheck('CHUYEN_VIEN_CHINH', 'CAN_SU')).toEqual({ status: 'NOT_MET', required: 'CHUYEN_VIEN_CHINH', actual: 'CAN_SU' });
    expect(rankCheck('CHUYEN_VIEN', 'GENERAL').status).toBe('UNKNOWN');
  });

  it('reads education from the qualification as HR offices write it', () => {
    expect(educationLevelOf('Thạc sĩ', '12/12')).toBe('POSTGRADUATE');
    expect(educationLevelOf('Kỹ sư', null)).toBe('UNIVERSITY');
    expect(educationLevelOf('Đại học', null)).toBe('UNIVERSITY');
    expect(educationLevelOf('cao dang', null)).toBe('COLLEGE');
    expect(educationLevelOf('Trung cấp', null)).toBe('VOCATIONAL');
    expect(educationLevelOf('COLLEGE', null)).toBe('COLLEGE');
    expect(educationLevelOf(null, '12/12')).toBe('UPPER_SECONDARY');
    expect(educationLevelOf('Chứng chỉ nghề', null)).toBeNull();
    expect(educationLevelOf(null, null)).toBeNull();
  });

  it('matches the qualification field without case or diacritics, sub-fields included', () => {
    expect(fieldCheck(['Luật'], 'luat').status).toBe('MET');
    expect(fieldCheck(['Luật'], 'Luật kinh tế').status).toBe('MET');
    expect(fieldCheck(['Luật'], 'Kế toán')).toEqual({ status: 'NOT_MET', required: 'Luật', actual: 'Kế toán' });
    expect(fieldCheck(['Luật'], null).status).toBe('UNKNOWN');
    expect(fieldCheck([], null).status).toBe('MET');
  });
});

describe('grace deadline', () => {
  it('adds whole months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-07-01', 12)).toBe('2026-07-01');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2025-07-01', 0)).toBe('2025-07-01');
  });
});

describe('fit to position', () => {
  it('meets the position when every requirement is met', () => {
    const r = evaluateFit(input());
    expect(r.meetsPosition).toBe(true);
    expect(r.status).toBe('MEETS');
    expect(r.reasons).toEqual([]);
    expect(r.competencies.map((c) => c.gap)).toEqual([0, 0]);
    expect(r.graceDeadline).toBe('2026-07-01');
  });

  it('does not meet it with a competency gap, within the grace period until the deadline', () => {
    const levels = [campaign({ supervisorLevel: 1 }), campaign({ competencyCode: 'FLD.LAND', councilLevel: 4 })];
    const r = evaluateFit(input({ campaignLevels: levels }));
    expect(r.meetsPosition).toBe(false);
    expect(r.competencies[0]).toMatchObject({ competencyCode: 'GEN.LAW', required: 3, gap: 2, assessed: { level: 1 } });
    expect(r.reasons).toEqual([{ code: 'COMPETENCY_GAP', subject: 'GEN.LAW', required: '3', actual: '1' }]);
    expect(r.status).toBe('WITHIN_GRACE');
    expect(evaluateFit(input({ campaignLevels: levels, today: '2026-07-01' })).status).toBe('GRACE_EXPIRED');
    expect(evaluateFit(input({ campaignLevels: levels, graceMonths: 6 })).status).toBe('GRACE_EXPIRED');
  });

  it('never reports a gap of zero for a competency nobody assessed: meets is unknown', () => {
    const r = evaluateFit(input({ campaignLevels: [campaign({ supervisorLevel: 5 })] }));
    expect(r.competencies[1]).toEqual({ competencyCode: 'FLD.LAND', required: 4, assessed: null, gap: null });
    expect(r.meetsPosition).toBeNull();
    expect(r.reasons).toEqual([{ code: 'COMPETENCY_NOT_ASSESSED', subject: 'FLD.LAND', required: '4', actual: null }]);
    expect(r.status).toBe('WITHIN_GRACE');
  });

  it('a level above the requirement gives a gap of 0, not a negative one', () => {
    const r = evaluateFit(
      input({ campaignLevels: [campaign({ councilLevel: 5 }), campaign({ competencyCode: 'FLD.LAND', selfLevel: 5 })] }),
    );
    expect(r.competencies.map((c) => c.gap)).toEqual([0, 0]);
  });

  it('a failed standard outweighs an unknown one, and each gives its reason', () => {
    const r = evaluateFit(
      input({ person: { rank: 'CAN_SU', qualification: 'Trung cấp', education: null, qualificationField: null }, campaignLevels: [] }),
    );
    expect(r.meetsPosition).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual([
      'COMPETENCY_NOT_ASSESSED',
      'COMPETENCY_NOT_ASSESSED',
      'RANK_BELOW',
      'EDUCATION_BELOW',
      'FIELD_UNKNOWN',
    ]);
    expect(r.education).toEqual({ status: 'NOT_MET', required: 'UNIVERSITY', actual: 'VOCATIONAL' });
  });

  it('has no deadline and says so when the person holds no position', () => {
    const r = evaluateFit(input({ position: null }));
    expect(r).toMatchObject({ meetsPosition: null, status: 'NO_POSITION', graceDeadline: null, competencies: [] });
    expect(r.reasons.map((x) => x.code)).toEqual(['NO_POSITION']);
  });
});
