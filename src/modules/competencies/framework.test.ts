import { describe, expect, it } from 'vitest';
import {
  canEdit,
  canPublish,
  canStartDraft,
  copyContent,
  nextVersionNo,
  setRequirement,
  type VersionFacts,
  versionInForce,
} from './framework.ts';

const v = (id: number, effectiveFrom: string, status: VersionFacts['status'] = 'PUBLISHED', versionNo = id): VersionFacts => ({
  id,
  versionNo,
  effectiveFrom,
  status,
});

describe('versionInForce', () => {
  const versions = [v(1, '2025-10-01'), v(2, '2026-07-01'), v(3, '2027-01-01', 'DRAFT')];
  it('picks the latest published version starting on or before the date', () => {
    expect(versionInForce(versions, '2026-03-02')?.id).toBe(1);
    expect(versionInForce(versions, '2026-07-01')?.id).toBe(2);
    expect(versionInForce(versions, '2026-06-30')?.id).toBe(1);
  });
  it('ignores drafts, even when their date has come', () => {
    expect(versionInForce(versions, '2027-06-01')?.id).toBe(2);
  });
  it('finds nothing before the first version', () => {
    expect(versionInForce(versions, '2025-09-30')).toBeNull();
  });
});

describe('version rules', () => {
  it('allows one draft at a time', () => {
    expect(canStartDraft([v(1, '2025-10-01')])).toBeNull();
    expect(canStartDraft([v(1, '2025-10-01'), v(2, '2026-01-01', 'DRAFT')])).toBe('DRAFT_EXISTS');
  });
  it('refuses edits to published versions', () => {
    expect(canEdit(v(1, '2025-10-01'))).toBe('PUBLISHED');
    expect(canEdit(v(2, '2026-01-01', 'DRAFT'))).toBeNull();
  });
  it('publishes a draft only when it starts after every published version', () => {
    const published = v(1, '2026-01-01');
    expect(canPublish(v(2, '2026-01-02', 'DRAFT'), [published])).toBeNull();
    expect(canPublish(v(2, '2026-01-01', 'DRAFT'), [published])).toBe('EFFECTIVE_DATE_NOT_LATER');
    expect(canPublish(v(2, '2025-12-31', 'DRAFT'), [published])).toBe('EFFECTIVE_DATE_NOT_LATER');
    expect(canPublish(published, [published])).toBe('PUBLISHED');
    expect(canPublish(v(1, '2020-01-01', 'DRAFT'), [])).toBeNull();
  });
  it('numbers versions after the highest number', () => {
    expect(nextVersionNo([])).toBe(1);
    expect(nextVersionNo([v(1, '2025-10-01', 'PUBLISHED', 4), v(2, '2026-10-01', 'PUBLISHED', 2)])).toBe(5);
  });
});

describe('copyContent and setRequirement', () => {
  it('copies deeply, so editing the draft never touches the source', () => {
    const source = {
      competencies: [],
      positions: [
        {
          code: 'P',
          nameVi: 'P',
          nameEn: 'P',
          group: 'PROFESSIONAL' as const,
          bodyKind: 'PASC',
          field: null,
          jobDescriptionVi: '',
          jobDescriptionEn: '',
          requiredRank: 'CHUYEN_VIEN',
          educationLevel: 'UNIVERSITY',
          qualificationFields: [],
          confirmed: true,
          sourceNote: '',
          requirements: [{ competencyCode: 'A', level: 2 }],
        },
      ],
    };
    const copy = copyContent(source);
    copy.positions[0]?.requirements.push({ competencyCode: 'B', level: 3 });
    expect(source.positions[0]?.requirements).toHaveLength(1);
  });
  it('sets, replaces and removes one requirement', () => {
    const start = [{ competencyCode: 'A', level: 2 }];
    expect(setRequirement(start, 'A', 4)).toEqual([{ competencyCode: 'A', level: 4 }]);
    expect(setRequirement(start, 'B', 1)).toEqual([...start, { competencyCode: 'B', level: 1 }]);
    expect(setRequirement(start, 'A', null)).toEqual([]);
  });
  it('refuses levels outside 1–5', () => {
    expect(() => setRequirement([], 'A', 0)).toThrow(RangeError);
    expect(() => setRequirement([], 'A', 6)).toThrow(RangeError);
    expect(() => setRequirement([], 'A', 2.5)).toThrow(RangeError);
  });
});
