import { describe, expect, it } from 'vitest';
import { documentToJson, rawFromJson, validateFramework } from '../competencies/framework-import.ts';
import { interimFramework, interimPositions } from './interim-catalogue.ts';

describe('the interim 43-position commune list (Official Letter 9478/BNV-CCVC)', () => {
  const positions = interimPositions();
  it('has 43 positions: 8 leadership, 32 professional and 3 support (domain.md §3.2)', () => {
    expect(positions).toHaveLength(43);
    const count = (g: string) => positions.filter((p) => p.group === g).length;
    expect([count('LEADERSHIP'), count('PROFESSIONAL'), count('SUPPORT')]).toEqual([8, 32, 3]);
    expect(new Set(positions.map((p) => p.code)).size).toBe(43);
  });
  it('has the 6 Office positions and the single PASC professional position domain.md names', () => {
    const office = positions.filter((p) => p.group === 'PROFESSIONAL' && p.bodyKind === 'OFFICE_HDND_UBND' && p.confirmed);
    expect(office.map((p) => p.code)).toEqual(expect.arrayContaining(['CM.01', 'CM.02', 'CM.03', 'CM.04', 'CM.05', 'CM.06']));
    expect(positions.filter((p) => p.group === 'PROFESSIONAL' && p.bodyKind === 'PASC')).toHaveLength(1);
    expect(positions.filter((p) => p.bodyKind === 'CULTURE_SOCIETY')).toHaveLength(8);
  });
  it('marks positions whose names domain.md does not give as not confirmed, and says so in the source note', () => {
    const unconfirmed = positions.filter((p) => !p.confirmed);
    expect(unconfirmed.length).toBeGreaterThan(0);
    for (const p of unconfirmed) expect(p.sourceNote).toMatch(/chưa xác nhận/);
    // Ranks and qualifications are Cadre placeholders everywhere.
    for (const p of positions) expect(p.sourceNote).toMatch(/giá trị tạm/);
  });
  it('passes the import validation, so it exports and imports like any other framework', () => {
    const doc = interimFramework();
    const checked = validateFramework(rawFromJson(JSON.parse(JSON.stringify(documentToJson(doc)))));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    expect(doc.competencies.every((c) => c.draftDescriptors && c.levels.length === 5)).toBe(true);
  });
  it('includes the DigComp 2.2 five areas and the field competencies the issue lists', () => {
    const codes = interimFramework().competencies.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['DIG.1', 'DIG.2', 'DIG.3', 'DIG.4', 'DIG.5', 'GEN.FOREIGN_LANG', 'GEN.ETHICS']));
    expect(codes).toEqual(
      expect.arrayContaining([
        'FLD.CIVIL_STATUS',
        'FLD.LAND',
        'FLD.CONSTRUCTION_PERMIT',
        'FLD.PLANNING',
        'FLD.EDUCATION',
        'FLD.FINANCE',
        'FLD.IT_SECURITY',
        'FLD.SOCIAL_PROTECTION',
        'FLD.CULTURE',
        'FLD.HEALTH',
      ]),
    );
  });
});
