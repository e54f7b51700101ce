import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { checkNationalCode, checkProcedureRules, type RuleProblem, translateProblems } from './procedure-rules.ts';

type ErrorMap = z.core.$ZodErrorMap;

const ZOD_LOCALES: Record<Locale, () => { localeError: ErrorMap }> = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };
const errorMaps = new Map<Locale, ErrorMap>();

/**
 * Zod's own messages in the caller's language, except for a missing value: Zod would say
 * "expected number, received undefined", which a clerk filling a form should not have to decode.
 */
function errorMapFor(locale: Locale): ErrorMap {
  let map = errorMaps.get(locale);
  if (!map) {
    const localeError = ZOD_LOCALES[locale]().localeError;
    const required = translator(locale)('procedures.rule.required');
    map = (issue) =>
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined ? required : localeError(issue);
    errorMaps.set(locale, map);
  }
  return map;
}

/**
 * Parses a body with messages in the caller's language, so each refused field reads
 * clearly in Vietnamese, English or Indonesian. The global Zod configuration stays English
 * (other modules and logs rely on it); this passes the locale per parse instead.
 */
export function parseTranslated<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(raw, { error: errorMapFor(locale) });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const reported = new Set(problems.map((p) => p.path));
  const more = rulesOfLooseBody(raw).filter((p) => !reported.has(p.path));
  throw new AppError('VALIDATION_FAILED', {}, [...problems, ...translateProblems(more, translator(locale))]);
}

/** Just the shape the business rules read; anything else may still be wrong. */
const LooseRulesSchema = z.object({
  timeLimitAmount: z.number(),
  timeLimitUnit: z.string(),
  fee: z.number(),
  onlineLevel: z.string(),
  essentialService: z.boolean(),
  requiredDocuments: z.array(z.object({ copies: z.number() })),
  workflow: z.array(z.object({ code: z.string(), roles: z.array(z.string()), workingDays: z.number().optional() })),
  nationalCode: z.string().optional(),
});

/**
 * When the schema refuses a body, the business rules are still checked if the fields they
 * read are well-formed, so one answer lists every problem (a negative fee and a missing
 * name together) instead of revealing them one round trip at a time.
 */
function rulesOfLooseBody(raw: unknown): RuleProblem[] {
  const loose = LooseRulesSchema.safeParse(raw);
  if (!loose.success) return [];
  const code = loose.data.nationalCode;
  return [...(code === undefined ? [] : checkNationalCode(code.trim())), ...checkProcedureRules(loose.data)];
}
