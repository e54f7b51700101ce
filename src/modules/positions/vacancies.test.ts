import { describe, expect, it } from 'vitest';
import { computeVacancies, totals } from './vacancies.ts';

describe('computeVacancies', () => {
  const posts = [
    { unitId: 1, positionCode: 'CM.05', posts: 2 },
    { unitId: 1, positionCode: 'CM.18', posts: 2 },
    { unitId: 1, positionCode: 'CM.31', posts: 1 },
    { unitId: 2, positionCode: 'CM.05', posts: 1 },
  ];
  const holders = [
    { unitId: 1, positionCode: 'CM.05' },
    { unitId: 1, positionCode: 'CM.18' },
    { unitId: 1, positionCode: 'CM.18' },
    { unitId: 1, positionCode: 'CM.31' },
    { unitId: 1, positionCode: 'CM.31' },
    { unitId: 1, positionCode: 'CM.02' },
    { unitId: 2, positionCode: 'CM.18' },
  ];
  const lines = computeVacancies(posts, holders);
  const line = (unitId: number, code: string) => lines.find((l) => l.unitId === unitId && l.positionCode === code);

  it('counts vacancies where fewer people hold a position than it has posts', () => {
    expect(line(1, 'CM.05')).toMatchObject({ posts: 2, holders: 1, vacant: 1, over: 0, status: 'VACANT' });
    expect(line(2, 'CM.05')).toMatchObject({ posts: 1, holders: 0, vacant: 1, status: 'VACANT' });
  });
  it('marks full and over-filled posts', () => {
    expect(line(1, 'CM.18')).toMatchObject({ holders: 2, vacant: 0, over: 0, status: 'FILLED' });
    expect(line(1, 'CM.31')).toMatchObject({ posts: 1, holders: 2, over: 1, status: 'OVER_FILLED' });
  });
  it('keeps holders of positions the unit has no posts for, as over the plan', () => {
    expect(line(1, 'CM.02')).toMatchObject({ posts: 0, holders: 1, over: 1, status: 'NOT_PLANNED' });
    expect(line(2, 'CM.18')).toMatchObject({ posts: 0, holders: 1, over: 1, status: 'NOT_PLANNED' });
  });
  it('never mixes units', () => {
    expect(lines).toHaveLength(6);
    expect(totals(lines.filter((l) => l.unitId === 1))).toEqual({ posts: 5, holders: 6, vacant: 1, over: 2 });
  });
  it('treats zero posts and nobody as filled, with no vacancy', () => {
    expect(computeVacancies([{ unitId: 3, positionCode: 'X', posts: 0 }], [])[0]).toMatchObject({ vacant: 0, over: 0, status: 'FILLED' });
  });
});
