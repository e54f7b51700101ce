import { describe, expect, it } from 'vitest';
import { planDemo } from './generate.ts';
import { SHOWCASE_NAME } from './generate-staff.ts';
import { HUE_UNITS, parsePredecessor } from './hue-units.ts';
import { citizenId, emailFor, vietnameseName } from './names.ts';
import { createRng } from './prng.ts';
import { RANK_CODES } from './reference-data.ts';

const small = (seed: number) => planDemo({ seed, units: 40, staffPerUnit: 8 });

describe('the named Hue units (demo data)', () => {
  it('are 21 wards and 19 communes with 48 former wards, 78 former communes and 7 townships (domain.md §1.1)', () => {
    expect(HUE_UNITS.filter((u) => u.kind === 'WARD')).toHaveLength(21);
    expect(HUE_UNITS.filter((u) => u.kind === 'COMMUNE')).toHaveLength(19);
    const kinds = HUE_UNITS.flatMap((u) => u.predecessors.map((p) => parsePredecessor(p, u.district).kind));
    expect(kinds.filter((k) => k === 'FORMER_WARD')).toHaveLength(48);
    expect(kinds.filter((k) => k === 'FORMER_COMMUNE')).toHaveLength(78);
    expect(kinds.filter((k) => k === 'FORMER_TOWNSHIP')).toHaveLength(7);
  });

  it('have unique names and 2 to 5 predecessors each', () => {
    expect(new Set(HUE_UNITS.map((u) => u.name)).size).toBe(40);
    for (const u of HUE_UNITS) expect(u.predecessors.length).toBeGreaterThanOrEqual(2);
    for (const u of HUE_UNITS) expect(u.predecessors.length).toBeLessThanOrEqual(5);
    const predecessorNames = HUE_UNITS.flatMap((u) => u.predecessors.map((p) => parsePredecessor(p, u.district).name));
    expect(new Set(predecessorNames).size).toBe(133);
  });
});

describe('planDemo', () => {
  it('is deterministic: the same seed gives the same plan', () => {
    expect(small(2025)).toEqual(small(2025));
  });

  it('gives different staff for a different seed, and the same units', () => {
    const a = small(2025);
    const b = small(2026);
    expect(a.staff.map((s) => s.fullName)).not.toEqual(b.staff.map((s) => s.fullName));
    expect(a.current.map((u) => u.name)).toEqual(b.current.map((u) => u.name));
  });

  it('keeps the named units and their staff unchanged when more units are generated', () => {
    const a = small(7);
    const b = planDemo({ seed: 7, units: 60, staffPerUnit: 8 });
    expect(b.current).toHaveLength(60);
    expect(b.current[40]?.name).toMatch(/^(Phường|Xã) Mẫu 041$/);
    expect(b.staff.slice(0, a.staff.length).map((s) => s.fullName)).toEqual(a.staff.map((s) => s.fullName));
    expect(b.predecessors.length / b.current.length).toBeGreaterThan(2.8);
    expect(b.predecessors.length / b.current.length).toBeLessThan(3.9);
  });

  it('maps each predecessor to exactly one successor, and every unit has one', () => {
    const plan = small(1);
    const bySuccessor = new Map<string, number>();
    for (const l of plan.lineage) bySuccessor.set(l.successorCode, (bySuccessor.get(l.successorCode) ?? 0) + 1);
    expect(plan.lineage).toHaveLength(133);
    expect(new Set(plan.lineage.map((l) => l.predecessorCode)).size).toBe(133);
    for (const u of plan.current) expect(bySuccessor.get(u.code)).toBeGreaterThanOrEqual(1);
    const districts = new Set(plan.formerDistricts.map((d) => d.code));
    for (const p of plan.predecessors) expect(districts.has(p.parentCode ?? '')).toBe(true);
  });

  it('uses 5-digit unit codes, unique in the province', () => {
    const plan = small(1);
    const codes = [...plan.formerDistricts, ...plan.current, ...plan.predecessors].map((u) => u.code);
    expect(codes.every((c) => /^\d{5}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives each unit the four Decree 150 bodies, the ward form of the economic department in wards', () => {
    const plan = small(1);
    expect(plan.bodies).toHaveLength(160);
    const ward = plan.current.find((u) => u.kind === 'WARD');
    const commune = plan.current.find((u) => u.kind === 'COMMUNE');
    expect(plan.bodies.filter((b) => b.unitCode === ward?.code).map((b) => b.kind)).toEqual([
      'OFFICE_HDND_UBND',
      'ECON_INFRA_URBAN',
      'CULTURE_SOCIETY',
      'PASC',
    ]);
    expect(plan.bodies.filter((b) => b.unitCode === commune?.code).map((b) => b.kind)).toContain('ECONOMIC');
  });

  it('fills leadership first: one chairman and two vice-chairmen per unit', () => {
    const plan = small(3);
    for (const u of plan.current) {
      const titles = plan.staff.filter((s) => s.unitCode === u.code).map((s) => s.currentTitle);
      expect(titles.slice(0, 3)).toEqual(['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Phó Chủ tịch UBND']);
    }
  });

  it('makes valid staff rows: unique 12-digit IDs starting 046, known ranks, ages 24–60 at the merger', () => {
    const plan = planDemo({ seed: 4, units: 40, staffPerUnit: 40 });
    expect(plan.staff).toHaveLength(1600);
    expect(new Set(plan.staff.map((s) => s.citizenId)).size).toBe(1600);
    expect(new Set(plan.staff.map((s) => s.email)).size).toBe(1600);
    for (const s of plan.staff) {
      expect(s.citizenId).toMatch(/^046[0-3]\d{8}$/);
      expect(RANK_CODES).toContain(s.rank);
      expect(s.birthDate >= '1964-07-02' && s.birthDate <= '2001-07-01').toBe(true);
    }
    expect(new Set(plan.staff.map((s) => s.rank))).toEqual(new Set(RANK_CODES));
    expect(plan.staff.filter((s) => s.rank === 'CHUYEN_VIEN').length).toBeGreaterThan(800);
    expect(plan.staff.some((s) => s.employmentStatus === 'ON_LEAVE')).toBe(true);
  });

  it('gives minority ethnicities only in mountainous communes', () => {
    const plan = planDemo({ seed: 4, units: 40, staffPerUnit: 40 });
    const mountainous = new Set(plan.current.filter((u) => u.isMountainous).map((u) => u.code));
    const minority = plan.staff.filter((s) => s.ethnicity !== 'Kinh');
    expect(minority.length).toBeGreaterThan(0);
    for (const s of minority) expect(mountainous.has(s.unitCode)).toBe(true);
    expect(new Set(minority.map((s) => s.ethnicity))).toEqual(new Set(['Tà Ôi', 'Cơ Tu', 'Pa Cô']));
  });

  it('gives histories across the merger: earlier posts end on 30/6/2025, current ones start from 1/7/2025', () => {
    const plan = planDemo({ seed: 5, units: 40, staffPerUnit: 40 });
    const predecessorCodes = new Set(plan.predecessors.map((p) => p.code));
    const districtCodes = new Set(plan.formerDistricts.map((d) => d.code));
    let inPredecessor = 0;
    let inDistrict = 0;
    for (const s of plan.staff) {
      const current = s.appointments.at(-1);
      expect(current?.unitCode).toBe(s.unitCode);
      expect(current?.endDate).toBeNull();
      expect(current && current.startDate >= '2025-07-01').toBe(true);
      for (const a of s.appointments.slice(0, -1)) {
        const end = a.endDate ?? '9999-12-31';
        expect(a.startDate < end).toBe(true);
        expect(end <= '2025-06-30').toBe(true);
        if (predecessorCodes.has(a.unitCode)) inPredecessor++;
        if (districtCodes.has(a.unitCode)) inDistrict++;
      }
    }
    expect(inPredecessor).toBeGreaterThan(plan.staff.length * 0.7);
    expect(inDistrict).toBeGreaterThan(0);
  });

  it('has the showcase: a former ward chairman now heading a department of Phường Phú Xuân', () => {
    const plan = small(99);
    expect(plan.showcase).toEqual({
      fullName: SHOWCASE_NAME,
      unitName: 'Phường Phú Xuân',
      currentTitle: 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị',
      formerTitle: 'Chủ tịch UBND',
      formerUnitName: 'Phường Thuận Lộc',
    });
    expect(plan.staff.filter((s) => s.fullName === SHOWCASE_NAME)).toHaveLength(1);
  });

  it('plans one account per role, unit roles in Phú Xuân and counter2 in a mountainous commune', () => {
    const plan = small(1);
    const byName = new Map(plan.accounts.map((a) => [a.username, a]));
    const phuXuan = plan.current[0];
    expect(phuXuan?.name).toBe('Phường Phú Xuân');
    expect(byName.get('leader')?.unitCode).toBe(phuXuan?.code);
    expect(byName.get('analyst')?.unitCode).toBeNull();
    const counter2Unit = plan.current.find((u) => u.code === byName.get('counter2')?.unitCode);
    expect(counter2Unit?.isMountainous).toBe(true);
    expect(plan.accounts).toHaveLength(8);
  });

  it('refuses sizes it cannot build', () => {
    expect(() => planDemo({ seed: 1, units: 39, staffPerUnit: 8 })).toThrow(/units/);
    expect(() => planDemo({ seed: 1, units: 40, staffPerUnit: 4 })).toThrow(/staffPerUnit/);
  });
});

describe('names', () => {
  it('builds three-part Vietnamese names, Thị only for women', () => {
    const rng = createRng(8);
    for (let i = 0; i < 300; i++) {
      const male = vietnameseName(rng, 'MALE');
      expect(male.split(' ')).toHaveLength(3);
      expect(male).not.toMatch(/ Thị /);
    }
  });

  it('makes mailbox names in the government style, numbered on a clash', () => {
    const taken = new Set<string>();
    expect(emailFor('Nguyễn Văn Hùng', taken)).toBe('hungnv@hue.example');
    expect(emailFor('Nguyễn Văn Hùng', taken)).toBe('hungnv2@hue.example');
    expect(emailFor('Đặng Thị Thu', taken)).toBe('thudt@hue.example');
  });

  it('encodes gender, century and birth year in the citizen ID', () => {
    const rng = createRng(1);
    expect(citizenId(rng, 'FEMALE', '1985-03-02', new Set())).toMatch(/^046185\d{6}$/);
    expect(citizenId(rng, 'MALE', '2001-03-02', new Set())).toMatch(/^046201\d{6}$/);
  });
});
