import { describe, expect, it } from 'vitest';
import { disciplineBodyFromForm } from './discipline.routes.tsx';
import { DisciplineBodySchema } from './discipline.schemas.ts';
import { disciplineRefusal, isPending } from './discipline.ts';

describe('discipline pending rules', () => {
  const today = '2026-03-02';

  it('lifts without a document, records only with one, and never into the past', () => {
    expect(disciplineRefusal({ pendingUntil: null }, today)).toBeNull();
    expect(disciplineRefusal({ pendingUntil: '2026-03-02', documentRef: '12/QĐ-UBND' }, today)).toBeNull();
    expect(disciplineRefusal({ pendingUntil: '2026-03-01', documentRef: '12/QĐ-UBND' }, today)).toBe('STAFF_DISCIPLINE_DATE_PAST');
    expect(disciplineRefusal({ pendingUntil: '2026-12-31' }, today)).toBe('STAFF_DISCIPLINE_DOCUMENT_REQUIRED');
    expect(disciplineRefusal({ pendingUntil: '2026-12-31', documentRef: '   ' }, today)).toBe('STAFF_DISCIPLINE_DOCUMENT_REQUIRED');
  });

  it('counts the date as the last pending day, as placement eligibility does', () => {
    expect(isPending('2026-03-02', today)).toBe(true);
    expect(isPending('2026-03-01', today)).toBe(false);
    expect(isPending(null, today)).toBe(false);
  });

  it('turns the form into the API body: blank date lifts, blank document is absent, digits become the version', () => {
    expect(disciplineBodyFromForm({ pendingUntil: ' ', reason: 'Hết thời hạn', documentRef: '', version: '3' })).toEqual({
      pendingUntil: null,
      reason: 'Hết thời hạn',
      version: 3,
    });
    const body = disciplineBodyFromForm({ pendingUntil: '2026-12-31', reason: 'Đang xem xét', documentRef: '5/BB', version: 'x' });
    expect(body).toEqual({ pendingUntil: '2026-12-31', reason: 'Đang xem xét', documentRef: '5/BB', version: 'x' });
    expect(DisciplineBodySchema.safeParse(body).success).toBe(false);
  });

  it('refuses a blank reason and unknown fields', () => {
    expect(DisciplineBodySchema.safeParse({ pendingUntil: null, reason: '  ', version: 1 }).success).toBe(false);
    expect(DisciplineBodySchema.safeParse({ pendingUntil: null, reason: 'x', version: 1, extra: 1 }).success).toBe(false);
    expect(DisciplineBodySchema.safeParse({ pendingUntil: '2026-02-30', reason: 'x', version: 1 }).success).toBe(false);
  });
});
