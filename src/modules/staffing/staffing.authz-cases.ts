import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { WISN_EXAMPLE } from './staffing.schemas.ts';

const readers = PERMISSIONS['staffing.read'];

/** The WISN calculator is stateless: every row can succeed for every allowed role, in any order. */
export const staffingAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/staffing/wisn',
    request: () => ({ url: '/api/v1/staffing/wisn', payload: WISN_EXAMPLE as Record<string, unknown> }),
    allowed: readers,
    scope: 'none',
  },
  { route: 'GET /staffing/wisn', request: () => ({ url: '/staffing/wisn' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /staffing/wisn',
    request: () => ({
      url: '/staffing/wisn',
      form: {
        'workingTime.daysPerWeek': '5',
        'workingTime.weeksPerYear': '52',
        'workingTime.publicHolidayDays': '11',
        'workingTime.annualLeaveDays': '12',
        'workingTime.sickLeaveDays': '3',
        'workingTime.otherAbsenceDays': '4',
        'workingTime.hoursPerDay': '8',
        'service.0.name': 'Khai sinh',
        'service.0.annualWorkload': '1200',
        'service.0.standard': '30',
        'service.0.standardUnit': 'minutes_per_item',
        actualStaff: '2',
      },
    }),
    allowed: readers,
    scope: 'none',
  },
];

/** The staffing norm report: scoped to commune A through `unitId`, so commune-B roles and other provinces get 404. */
export const staffingNormAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/staffing/norms',
    request: (f) => ({ url: `/api/v1/staffing/norms?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /staffing/norms',
    request: (f) => ({ url: `/staffing/norms?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
];
