import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { HOLIDAY_SEED } from '../../platform/db/migrations/0005-calendar-and-rules.ts';

const managers = PERMISSIONS['calendar.manage'];

/**
 * The id a seeded entry gets: the migration inserts HOLIDAY_SEED in order into an empty
 * table, on both dialects. Each removal targets its own provisional 2027 entry, so the
 * API and form cases never race for the same row.
 */
function seededId(date: string): number {
  const i = HOLIDAY_SEED.findIndex((s) => s.date === date);
  if (i < 0) throw new Error(`no seeded holiday on ${date}`);
  return i + 1;
}

/** Holidays are national reference data, so no case is scoped to a unit or province. */
export const calendarAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/calendar/due-date',
    request: () => ({
      url: `/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=3&unit=working_days`,
    }),
    allowed: 'authenticated',
    scope: 'none',
  },
  {
    route: 'GET /api/v1/calendar/holidays',
    request: () => ({ url: '/api/v1/calendar/holidays?year=2026' }),
    allowed: 'authenticated',
    scope: 'none',
  },
  {
    route: 'POST /api/v1/calendar/holidays',
    request: () => ({
      url: '/api/v1/calendar/holidays',
      payload: {
        date: '2028-01-01',
        kind: 'HOLIDAY',
        nameVi: 'Tết Dương lịch',
        nameEn: "New Year's Day",
        decidingDocument: 'BLLĐ 2019, Điều 112',
      },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['system_admin'],
  },
  {
    route: 'DELETE /api/v1/calendar/holidays/:id',
    request: () => ({ url: `/api/v1/calendar/holidays/${seededId('2027-09-03')}` }),
    allowed: managers,
    scope: 'none',
    okStatus: [204],
    successAs: ['system_admin'],
  },
  { route: 'GET /calendar', request: () => ({ url: '/calendar?year=2026' }), allowed: 'authenticated', scope: 'none' },
  {
    route: 'GET /calendar/due-date',
    request: () => ({ url: '/calendar/due-date?fromDate=2026-02-13&fromTime=10:00&amount=3&unit=working_days' }),
    allowed: 'authenticated',
    scope: 'none',
  },
  {
    route: 'POST /calendar/holidays',
    request: () => ({
      url: '/calendar/holidays',
      form: {
        date: '2028-04-30',
        kind: 'HOLIDAY',
        nameVi: 'Ngày Chiến thắng',
        nameEn: 'Reunification Day',
        decidingDocument: 'BLLĐ 2019',
        confirmed: 'on',
      },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['province_admin'],
  },
  {
    route: 'POST /calendar/holidays/:id/delete',
    request: () => ({ url: `/calendar/holidays/${seededId('2027-05-03')}/delete`, form: {} }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['province_admin'],
  },
];
