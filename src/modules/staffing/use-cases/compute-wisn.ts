import { z } from 'zod';
import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { WisnInputSchema, type WisnResult } from '../staffing.schemas.ts';
import { computeWisn } from '../wisn.ts';

const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };

/**
 * The stateless WISN calculator behind the API and the page: reads nothing, writes nothing.
 * A body the schema refuses → 400 VALIDATION_FAILED (messages in the caller's language);
 * figures the formulas cannot take (AWT ≤ 0, TotalCAS% ≥ 100, …) → 422 STAFFING_WISN_INVALID,
 * each problem with its field path and a translated reason.
 */
export function runWisn(raw: unknown, locale: Locale, t: Translate): WisnResult {
  const parsed = WisnInputSchema.safeParse(raw, { error: ZOD_LOCALES[locale]().localeError });
  if (!parsed.success) {
    const problems: FieldProblem[] = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', {}, problems);
  }
  const outcome = computeWisn(parsed.data);
  if (!outcome.ok) {
    const problems = outcome.problems.map((p) => ({ path: p.path, message: t(`staffing.problem.${p.reason}`) }));
    throw new AppError('STAFFING_WISN_INVALID', {}, problems);
  }
  return outcome.result;
}
