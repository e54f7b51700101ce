import { hasMessage, type Translate } from '../../../../platform/i18n/index.ts';

function codeLabel(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export const actionLabel = (t: Translate, action: string) => codeLabel(t, 'processing.action', action);
export const stepLabel = (t: Translate, step: string | null) => (step === null ? '—' : codeLabel(t, 'processing.step', step));
export const dueStateLabel = (t: Translate, state: string) => codeLabel(t, 'dueState', state);

/** The badge class adds colour; the text always says the state, so colour is never the only cue. */
export function dueBadgeClass(state: string): string {
  if (state === 'OVERDUE' || state === 'LATE') return 'badge off';
  if (state === 'NOT_DUE' || state === 'EARLY' || state === 'ON_TIME') return 'badge on';
  return 'badge';
}
