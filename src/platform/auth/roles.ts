/**
 * Roles and what each may do. A permission is checked at function level by the route
 * (`access` in the route config), at object level by `assertUnitAccess`, and at field
 * level by `canSeePersonalData`.
 */
export const ROLES = [
  'citizen',
  'counter_officer',
  'field_specialist',
  'unit_leader',
  'unit_hr',
  'province_analyst',
  'province_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'citizen');
/** Roles scoped to one commune/ward: they see and change only its data. */
export const UNIT_ROLES: readonly Role[] = ['counter_officer', 'field_specialist', 'unit_leader', 'unit_hr'];
/** Roles scoped to the whole province. */
export const PROVINCE_ROLES: readonly Role[] = ['province_analyst', 'province_admin', 'system_admin'];
/** Administrator roles always need a TOTP second factor (ASVS 5.0 V6). */
export const ADMIN_ROLES: readonly Role[] = ['province_admin', 'system_admin'];
/** Roles allowed to see personal data (ID number, birth date, contacts) in full. */
export const HR_ROLES: readonly Role[] = ['unit_hr', 'province_admin'];

export const PERMISSIONS = {
  'home.view': STAFF_ROLES,
  'units.read': STAFF_ROLES,
  'units.update': ['province_admin', 'system_admin'],
  'staff.read': STAFF_ROLES,
  'audit.read': ['province_admin', 'system_admin'],
  'users.manage': ['system_admin'],
  'account.self': STAFF_ROLES,
  'calendar.manage': ['province_admin', 'system_admin'],
  'procedures.read': STAFF_ROLES,
  'procedures.manage': ['province_admin', 'system_admin'],
  'dossiers.read': [...UNIT_ROLES, ...PROVINCE_ROLES],
  'scorecard.read': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin', 'system_admin'],
  'dossiers.receive': ['counter_officer'],
  'dossiers.process': ['counter_officer', 'field_specialist', 'unit_leader'],
  'dossiers.assign': ['counter_officer', 'unit_leader'],
  'dossiers.attach': ['counter_officer', 'field_specialist', 'unit_leader'],
  'feedback.handle': ['counter_officer', 'unit_leader'],
  'ratings.record': ['counter_officer'],
  'queue.call': ['counter_officer'],
  'queue.stats': ['counter_officer', 'unit_leader'],
  'positions.read': STAFF_ROLES,
  'positions.manage': ['province_admin', 'system_admin'],
  'reviews.read': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin'],
  'reviews.manage': ['unit_hr', 'province_analyst', 'province_admin'],
  // Assessments: the owner writes their own self-assessment; supervisors and the council act within their unit (province roles: the province).
  'reviews.self': STAFF_ROLES,
  'reviews.supervise': ['unit_leader', 'province_admin'],
  'reviews.council': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin'],
  // The province's DVCQG integration reports dossiers it synced (an API token of one of these accounts).
  'integrations.sync': ['province_admin', 'system_admin'],
  'staff.import': ['unit_hr', 'province_analyst', 'province_admin'],
  // Fit to position, competency-test results and service evidence (issue 4 §4, §5).
  'fit.read': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin'],
  'fit.record': ['unit_hr', 'province_admin'],
  // Staffing need (issue 5): the stateless WISN calculator.
  'staffing.read': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin'],
  // Province WISN runs from the dossier store and the service standards behind them (issue 5 §2–3).
  'staffing.run': ['province_analyst', 'province_admin'],
  // Placement recommendations from a stored run: generate, accept, reject (issue 5 §5–§6).
  'staffing.place': ['province_analyst', 'province_admin'],
  // Training course catalogue (issue 6 §1): read by unit leaders and HR for planning; kept by the province.
  'training.read': ['unit_leader', 'unit_hr', 'province_analyst', 'province_admin'],
  'training.manage': ['province_admin', 'province_analyst'],
  // Training plan versions (issue 6 §3): generated, read and exported by the province.
  'training.plan.read': ['province_analyst', 'province_admin'],
  'training.plan.manage': ['province_analyst', 'province_admin'],
  // Versioned rules (domain.md §12): read by province roles, province versions set by the province administrator.
  'rules.read': ['province_analyst', 'province_admin', 'system_admin'],
  'rules.manage': ['province_admin'],
  // Province overview (issue 7): the Department of Home Affairs' analysts and administrators see every unit, a commune leader their own.
  'overview.read': ['unit_leader', 'province_analyst', 'province_admin'],
  // Discipline pending on a staff record (Decree 170/2025 transfer condition): recorded by HR, read by HR.
  'staff.discipline': ['unit_hr', 'province_admin'],
  // Decision 766 counts entered by hand (1.1–1.3 by the province, 3.5 and 5.2 by a commune's leader for its unit or by the province).
  'scorecard.supply': ['unit_leader', 'province_analyst', 'province_admin'],
  // Periodic reports (issue 7 §3): province roles see and generate all of their province's; a commune leader only their own unit's.
  'reports.read': ['unit_leader', 'province_analyst', 'province_admin'],
  'reports.generate': ['unit_leader', 'province_analyst', 'province_admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isUnitRole(role: Role): boolean {
  return UNIT_ROLES.includes(role);
}

export function isAdminRole(role: Role): boolean {
  return ADMIN_ROLES.includes(role);
}
