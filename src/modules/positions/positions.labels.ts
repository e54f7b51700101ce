import type { Translate } from '../../platform/i18n/index.ts';
import { codeLabel } from '../units/units.labels.ts';

export const positionGroupLabel = (t: Translate, group: string) => codeLabel(t, 'positions.group', group);
export const positionBodyLabel = (t: Translate, body: string) => codeLabel(t, 'positions.body', body);
export const postStatusLabel = (t: Translate, status: string) => codeLabel(t, 'positions.status', status);
export const educationLabel = (t: Translate, level: string) => codeLabel(t, 'education', level);
