import type { FlatForm } from './execution.schemas.ts';

/**
 * The class page's forms are plain HTML (no JavaScript): these turn their flat fields into
 * the API bodies, which the API schemas then check as if a client had sent them.
 */

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/**
 * Staff ids typed one per line or separated by commas or spaces, or ticked in the name
 * search (one `staffIds` field per box); anything else is kept so the schema refuses it.
 */
export function staffIdsOf(form: FlatForm): unknown[] {
  return list(form.staffIds)
    .join(' ')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Attendance grid: the rows and days shown are posted once (`enrolments=1,2,3`, `days=1-5`)
 * and the ticked cells as `present=<enrolment>:<day>`; a shown cell left unticked is recorded absent.
 */
export function attendanceOf(form: FlatForm): { entries: { enrolmentId: number; day: number; present: boolean }[] } {
  const present = new Set(list(form.present));
  const rows = text(form.enrolments)
    .split(',')
    .filter((x) => /^\d+$/.test(x))
    .map(Number);
  const m = /^(\d+)-(\d+)$/.exec(text(form.days));
  if (!m) return { entries: [] };
  const [from, to] = [Number(m[1]), Number(m[2])];
  const entries: { enrolmentId: number; day: number; present: boolean }[] = [];
  // At most one session window per post: a forged wide range cannot blow up the body.
  for (const enrolmentId of rows)
    for (let day = from; day <= Math.min(to, from + ATTENDANCE_WINDOW - 1); day++)
      entries.push({ enrolmentId, day, present: present.has(`${enrolmentId}:${day}`) });
  return { entries };
}

/** Results: `outcome.<enrolment>` (blank: not recorded now), `score.`, `grade.`, `cert.`, and `completedOn`. */
export function completionOf(form: FlatForm): Record<string, unknown> {
  const results: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(form)) {
    const m = /^outcome\.(\d+)$/.exec(key);
    const outcome = text(value);
    if (!m || outcome === '') continue;
    const id = m[1] as string;
    const score = text(form[`score.${id}`]);
    const r: Record<string, unknown> = { enrolmentId: Number(id), outcome };
    if (score !== '') r.score = Number(score.replace(',', '.'));
    const grade = text(form[`grade.${id}`]);
    if (grade !== '') r.grade = grade;
    const cert = text(form[`cert.${id}`]);
    if (cert !== '') r.certificateNo = cert;
    results.push(r);
  }
  const body: Record<string, unknown> = { results };
  const on = text(form.completedOn);
  if (on !== '') body.completedOn = on;
  return body;
}

/** The first day of the attendance window shown: a session is at most five working days. */
export const ATTENDANCE_WINDOW = 5;
export function windowStart(from: number | undefined, sessionDays: number): number {
  const start = from ?? 1;
  return Math.min(Math.max(1, start), Math.max(1, sessionDays));
}
