import { z } from 'zod';
import { AppError, type FieldProblem } from '../../platform/errors/app-error.ts';
import { type Locale, type MessageKey, translator } from '../../platform/i18n/index.ts';
import type { CourseProblem, IneligibleReason } from './courses.ts';

type ErrorMap = z.core.$ZodErrorMap;

const ZOD_LOCALES: Record<Locale, () => { localeError: ErrorMap }> = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };
const errorMaps = new Map<Locale, ErrorMap>();

/** Zod's messages in the caller's language, except "required", which a clerk should not have to decode. */
function errorMapFor(locale: Locale): ErrorMap {
  let map = errorMaps.get(locale);
  if (!map) {
    const localeError = ZOD_LOCALES[locale]().localeError;
    const required = translator(locale)('training.rule.required');
    map = (issue) =>
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined ? required : localeError(issue);
    errorMaps.set(locale, map);
  }
  return map;
}

/**
 * Parses a body with messages in the caller's language (the global Zod configuration stays
 * English for logs and other modules). A refusal is VALIDATION_FAILED with one entry per field.
 */
export function parseTranslated<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(raw, { error: errorMapFor(locale) });
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    {},
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** Like parseTranslated, but the problems are returned instead of thrown (an import reports every row). */
export function safeParseTranslated<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  locale: Locale,
): { ok: true; data: z.output<S> } | { ok: false; problems: FieldProblem[] } {
  const result = schema.safeParse(raw, { error: errorMapFor(locale) });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

export function translateProblems(problems: readonly CourseProblem[], locale: Locale): FieldProblem[] {
  const t = translator(locale);
  return problems.map((p) => ({ path: p.path, message: t(`training.rule.${p.key}` as MessageKey, p.params) }));
}

export function throwIfProblems(problems: readonly CourseProblem[], locale: Locale): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, translateProblems(problems, locale));
}

/** An eligibility reason in words, for pages and exports. */
export function reasonText(reason: IneligibleReason, locale: Locale): string {
  return translator(locale)(`training.reason.${reason.code}` as MessageKey, reason.params as Record<string, string | number>);
}
