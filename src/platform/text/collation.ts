import type { Locale } from '../i18n/define.ts';

const collators = new Map<string, Intl.Collator>();

/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê …), which neither SQLite's BINARY
 * collation nor a C-locale PostgreSQL gives; lists sorted for display go through this.
 */
export function collator(locale: Locale = 'vi'): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale === 'vi' ? 'vi' : locale, { sensitivity: 'variant', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

export function sortByText<T>(items: readonly T[], text: (item: T) => string, locale: Locale = 'vi'): T[] {
  const c = collator(locale);
  return [...items].sort((a, b) => c.compare(text(a), text(b)));
}

/** Vietnamese personal names sort by given name (the last word), then the full name. */
export function compareVietnameseNames(a: string, b: string): number {
  const c = collator('vi');
  const given = (n: string) => n.trim().split(/\s+/).at(-1) ?? n;
  return c.compare(given(a), given(b)) || c.compare(a, b);
}
