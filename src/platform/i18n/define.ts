export const LOCALES = ['vi', 'en', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A catalogue area: Vietnamese is the source; English and Indonesian must carry exactly
 * the same keys, so a missing translation fails to compile.
 */
export function defineMessages<const V extends Record<string, string>>(m: {
  vi: V;
  en: { [K in keyof V]: string };
  id: { [K in keyof V]: string };
}) {
  return m;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
