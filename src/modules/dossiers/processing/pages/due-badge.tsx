import type { Translate } from '../../../../platform/i18n/index.ts';
import { dueBadgeClass, dueStateLabel } from './labels.ts';

export function DueBadge({ t, state }: { t: Translate; state: string | null }) {
  if (state === null) return <span>—</span>;
  return <span class={dueBadgeClass(state)}>{dueStateLabel(t, state)}</span>;
}
