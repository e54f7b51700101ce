import { hasMessage, type Translate } from '../../platform/i18n/index.ts';

/**
 * Codes stored in the data (unit kinds, body kinds, field codes) are translated when a
 * catalogue entry exists; an unknown code, such as one added by a later decree before the
 * catalogue catches up, is shown as the code itself rather than breaking the page.
 */
export function codeLabel(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export const unitKindLabel = (t: Translate, kind: string) => codeLabel(t, 'unitKind', kind);
export const bodyKindLabel = (t: Translate, kind: string) => codeLabel(t, 'bodyKind', kind);
export const fieldLabel = (t: Translate, field: string) => codeLabel(t, 'field', field);

/** Kinds of pre-merger units; their records map onto current units through lineage. */
export function isFormerKind(kind: string): boolean {
  return kind.startsWith('FORMER_');
}
