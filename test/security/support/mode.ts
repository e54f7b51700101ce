/**
 * SECURITY_MODE=short (the .ci/run form, ≤ 90 s) or full (every endpoint, every role, the
 * scanners with longer caps). Bounds of each mode live here so they are read in one place.
 */
export const FULL = process.env.SECURITY_MODE === 'full';

export const LIMITS = FULL
  ? { pagesPerRole: 200, roles: 'all' as const, sqlmapTargetSeconds: 60, sqlmapParallel: 2, wapitiScanSeconds: 240 }
  : { pagesPerRole: 30, roles: 'some' as const, sqlmapTargetSeconds: 25, sqlmapParallel: 3, wapitiScanSeconds: 0 };

/** The demo accounts (README) with their roles; administrators sign in with TOTP. */
export const DEMO_USERS = ['counter', 'specialist', 'leader', 'hr', 'analyst', 'padmin', 'admin', 'counter2'] as const;
export const SHORT_USERS = ['counter', 'hr', 'padmin'] as const;
