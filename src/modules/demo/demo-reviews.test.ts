import { describe, expect, it } from 'vitest';
import { DEFAULT_DECREE_90_CONFIG } from '../../platform/rules/defaults/reviews-90.config.ts';
import { DEFAULT_EXCELLENT_QUOTA_CONFIG } from '../../platform/rules/defaults/reviews-quota.config.ts';
import { DEFAULT_SCREENING_178_CONFIG } from '../../platform/rules/defaults/screening-178.config.ts';
import { interimPositions } from '../positions/interim-catalogue.ts';
import { quotaBreaches } from '../reviews/campaigns/lock-quota.ts';
import { levelDecree90 } from '../reviews/rules/decree-90.ts';
import { positionForTitle } from './demo-positions.ts';
import {
  type DemoReviewsPlan,
  DIGITAL_COMPETENCIES,
  GAP_FIELD_COMPETENCIES,
  isGapCompetency,
  planDemoReviews,
  type ReviewPerson,
  type ReviewPlanInput,
} from './demo-reviews.ts';
import { planDemo } from './generate.ts';

const NOW = '2026-03-02T03:00:00.000Z';

/** The default demo (40 units × 40 staff) placed as the seed places it, with made-up ids: no database. */
function demoInput(seed: number): ReviewPlanInput {
  const demo = planDemo({ seed, units: 40, staffPerUnit: 40 });
  const positions = new Map(interimPositions().map((p, i) => [p.code, { id: i + 1, ...p }]));
  const unitIds = new Map(demo.current.map((u, i) => [u.code, 100 + i]));
  const bodyIds = new Map<string, number>();
  const people: ReviewPerson[] = [];
  const chairs: { unitId: number; staffId: number }[] = [];
  demo.staff.forEach((s, i) => {
    const staffId = i + 1;
    const unitId = unitIds.get(s.unitCode) ?? -1;
    if (s.employmentStatus !== 'ACTIVE') return;
    if (s.currentTitle === 'Chủ tịch UBND') chairs.push({ unitId, staffId });
    const code = positionForTitle(s.currentTitle);
    const position = code ? positions.get(code) : undefined;
    if (!position) return;
    const bodyKey = `${s.unitCode}:${s.body}`;
    if (s.body && !bodyIds.has(bodyKey)) bodyIds.set(bodyKey, 1000 + bodyIds.size);
    people.push({
      staffId,
      key: s.citizenId,
      unitId,
      orgBodyId: s.body ? (bodyIds.get(bodyKey) ?? null) : null,
      positionId: position.id,
      positionCode: position.code,
      positionGroup: position.group,
      requirements: position.requirements.map((r) => ({ competencyCode: r.competencyCode, requiredLevel: r.level })),
    });
  });
  return {
    seed,
    people,
    chairs,
    accounts: demo.accounts.map((a) => ({
      username: a.username,
      role: a.role,
      unitId: a.unitCode ? (unitIds.get(a.unitCode) ?? null) : null,
    })),
    now: NOW,
    decree90: DEFAULT_DECREE_90_CONFIG,
    quota2025: DEFAULT_EXCELLENT_QUOTA_CONFIG,
    screening178: DEFAULT_SCREENING_178_CONFIG,
  };
}

const input = demoInput(2025);
const plan = planDemoReviews(input);
const personOf = new Map(input.people.map((p) => [p.staffId, p]));

function shortfalls(p: DemoReviewsPlan) {
  const named: number[] = [];
  const elsewhere: number[] = [];
  for (const part of p.campaign2025.participants) {
    for (const l of part.levels) {
      const short = Math.max(0, l.requiredLevel - (l.councilLevel ?? l.requiredLevel));
      (isGapCompetency(l.competencyCode, part.positionCode) ? named : elsewhere).push(short);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { named: mean(named), elsewhere: mean(elsewhere) };
}

describe('planDemoReviews', () => {
  it('is deterministic from the seed', () => {
    expect(planDemoReviews(demoInput(2025))).toEqual(plan);
    const other = planDemoReviews(demoInput(7));
    expect(other.campaign2025.evaluations.map((e) => e.rating)).not.toEqual(plan.campaign2025.evaluations.map((e) => e.rating));
  });

  it('reviews every placed person in both campaigns, with a level for every required competency', () => {
    expect(input.people.length).toBeGreaterThan(1000);
    for (const c of [plan.campaign2025, plan.campaign2026]) {
      expect(c.participants.map((p) => p.staffId)).toEqual(input.people.map((p) => p.staffId));
      expect(c.evaluations).toHaveLength(input.people.length);
      for (const part of c.participants) {
        expect(part.levels.map((l) => l.competencyCode)).toEqual(personOf.get(part.staffId)?.requirements.map((r) => r.competencyCode));
      }
    }
  });

  it('links each unit account to a person of its unit in the position of its role', () => {
    const want: Record<string, string[]> = {
      counter: ['CM.31'],
      counter2: ['CM.31'],
      specialist: ['CM.05', 'CM.18', 'CM.19'],
      leader: ['LD.03'],
      hr: ['CM.23'],
    };
    expect(plan.links.map((l) => l.username).sort()).toEqual(Object.keys(want).sort());
    for (const link of plan.links) {
      const person = personOf.get(link.staffId);
      const account = input.accounts.find((a) => a.username === link.username);
      expect(person?.unitId).toBe(account?.unitId);
      expect(want[link.username]).toContain(person?.positionCode);
    }
    expect(new Set(plan.links.map((l) => l.staffId)).size).toBe(plan.links.length);
  });

  it('concentrates the 2025 gaps in construction, planning, land, education and digital skills', () => {
    const { named, elsewhere } = shortfalls(plan);
    expect(named).toBeGreaterThan(0.4);
    expect(elsewhere).toBeLessThan(0.1);
    expect(named).toBeGreaterThan(5 * elsewhere);
    // Most people in the named fields fall short of their required level by one or two levels.
    const fieldRows = plan.campaign2025.participants.flatMap((p) =>
      p.levels.filter((l) => GAP_FIELD_COMPETENCIES.includes(l.competencyCode)),
    );
    const below = fieldRows.filter((l) => (l.councilLevel ?? 9) < l.requiredLevel);
    expect(below.length / fieldRows.length).toBeGreaterThan(0.6);
    for (const l of below) expect(l.requiredLevel - (l.councilLevel ?? 0)).toBeLessThanOrEqual(3);
    // Digital skills: most people, across all positions, are below in at least one area.
    const digitalShort = plan.campaign2025.participants.filter((p) =>
      p.levels.some((l) => DIGITAL_COMPETENCIES.includes(l.competencyCode) && (l.councilLevel ?? 9) < l.requiredLevel),
    );
    expect(digitalShort.length / plan.campaign2025.participants.length).toBeGreaterThan(0.5);
    // Civil status and IT: heavy workload, adequate skills.
    const adequate = plan.campaign2025.participants.flatMap((p) =>
      p.levels.filter((l) => l.competencyCode === 'FLD.CIVIL_STATUS' || l.competencyCode === 'FLD.IT_SECURITY'),
    );
    expect(adequate.length).toBeGreaterThan(50);
    expect(adequate.filter((l) => (l.councilLevel ?? 0) < l.requiredLevel).length / adequate.length).toBeLessThan(0.1);
  });

  it('rates 2025 with levelDecree90 (a real trace) and respects the excellent quota per agency and group', () => {
    for (const e of plan.campaign2025.evaluations) {
      const result = JSON.parse(e.result ?? 'null');
      expect(result.trace.length).toBeGreaterThan(1);
      expect(e.rating).toBe(levelDecree90(DEFAULT_DECREE_90_CONFIG, JSON.parse(e.supervisorInput ?? 'null')).level);
      expect(e.configVersion).toBe(DEFAULT_DECREE_90_CONFIG.version);
    }
    const rated = (useCouncil: boolean) =>
      plan.campaign2025.participants.map((p, i) => {
        const e = plan.campaign2025.evaluations[i];
        return {
          participantId: p.staffId,
          unitId: p.unitId,
          orgBodyId: p.orgBodyId,
          positionGroup: p.positionGroup,
          rating: e?.rating ?? null,
          councilRating: useCouncil ? (e?.councilRating ?? null) : null,
          score: null,
        };
      });
    // The computed ratings alone would break the quota somewhere; the council's corrections keep it.
    expect(quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, rated(false)).length).toBeGreaterThan(0);
    expect(quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, rated(true))).toEqual([]);
    const corrected = plan.campaign2025.evaluations.filter((e) => e.councilRating !== null);
    for (const e of corrected) expect(e).toMatchObject({ rating: 'EXCELLENT', councilRating: 'GOOD', councilNote: expect.any(String) });
    expect(plan.campaign2025.evaluations.some((e) => (e.councilRating ?? e.rating) === 'EXCELLENT')).toBe(true);
  });

  it('screens everyone under Decree 178: mostly retain or retrain, a few reassign, very few exit candidates', () => {
    const outcomes = plan.campaign2025.screenings.map((s) => s.outcome);
    expect(outcomes).toHaveLength(input.people.length);
    const share = (o: string) => outcomes.filter((x) => x === o).length / outcomes.length;
    expect(share('EXIT_CANDIDATE')).toBeGreaterThan(0);
    expect(share('EXIT_CANDIDATE')).toBeLessThan(0.02);
    expect(share('REASSIGN')).toBeGreaterThan(0.02);
    expect(share('REASSIGN')).toBeLessThan(0.15);
    expect(share('RETAIN')).toBeGreaterThan(0.1);
    for (const s of plan.campaign2025.screenings) {
      const r = JSON.parse(s.result);
      expect(r.outcome).toBe(s.outcome);
      expect(r.trace.length).toBeGreaterThan(3);
    }
  });

  it('orders the 2025 stages before the lock, every stage submitted', () => {
    const c = plan.campaign2025;
    expect(c).toMatchObject({ status: 'LOCKED', regime: 'DECREE_90', instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'] });
    for (const p of c.participants) {
      const stages = [p.selfSubmittedAt, p.supervisorSubmittedAt, p.councilDecidedAt, c.lockedAt];
      expect(stages.every((x) => x !== null)).toBe(true);
      expect([...stages].sort()).toEqual(stages);
      expect(new Set(stages).size).toBe(4);
      for (const l of p.levels)
        expect([l.selfLevel, l.supervisorLevel, l.councilLevel].every((x) => x !== null && x >= 1 && x <= 5)).toBe(true);
    }
  });

  it('leaves 2026 in self-assessment: about half submitted with Vietnamese evidence, the accounts’ own sheets open, nothing from supervisors', () => {
    const c = plan.campaign2026;
    expect(c).toMatchObject({ status: 'SELF_ASSESSMENT', regime: 'DECREE_335', lockedAt: null });
    const submitted = c.participants.filter((p) => p.selfSubmittedAt !== null);
    expect(submitted.length / c.participants.length).toBeGreaterThan(0.4);
    expect(submitted.length / c.participants.length).toBeLessThan(0.6);
    const linked = new Set(plan.links.map((l) => l.staffId));
    expect(linked.size).toBe(5);
    for (const p of c.participants.filter((x) => linked.has(x.staffId))) {
      expect(p.selfSubmittedAt).toBeNull();
      expect(p.levels.every((l) => l.selfLevel === null)).toBe(true);
    }
    for (const p of c.participants) {
      expect(p.supervisorSubmittedAt).toBeNull();
      expect(p.levels.every((l) => l.supervisorLevel === null && l.councilLevel === null)).toBe(true);
      if (p.selfSubmittedAt) {
        expect(p.selfSubmittedAt <= NOW && p.selfSubmittedAt >= c.createdAt).toBe(true);
        expect(
          p.levels.every((l) => l.selfLevel !== null && /[ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửữựỳỵỷỹ]/.test(l.selfEvidence ?? '')),
        ).toBe(true);
      }
    }
    expect(c.evaluations.every((e) => e.regime === 'DECREE_335' && e.rating === null && e.selfInput === null)).toBe(true);
  });

  it('plans a few 2026 competency tests in land and digital skills, dated in 2026 up to today', () => {
    expect(plan.tests.length).toBeGreaterThan(10);
    expect(plan.tests.length).toBeLessThan(120);
    expect(new Set(plan.tests.map((t) => t.competencyCode))).toEqual(new Set(['FLD.LAND', 'DIG.1', 'DIG.2']));
    for (const t of plan.tests) {
      expect(t.takenOn >= '2026-01-01' && t.takenOn <= NOW.slice(0, 10)).toBe(true);
      expect(t.score).toBeLessThanOrEqual(t.maxScore);
      const required = personOf.get(t.staffId)?.requirements.find((r) => r.competencyCode === t.competencyCode)?.requiredLevel;
      expect(t.passed).toBe(t.levelAchieved >= (required ?? 9));
    }
  });
});
