import type { Translate } from '../../platform/i18n/index.ts';
import { codeLabel } from '../units/units.labels.ts';

export const rankLabel = (t: Translate, rank: string) => codeLabel(t, 'rank', rank);
export const genderLabel = (t: Translate, gender: string) => codeLabel(t, 'gender', gender);
export const employmentLabel = (t: Translate, status: string) => codeLabel(t, 'employment', status);
