import type { Translate } from '../../../platform/i18n/index.ts';
import { codeLabel } from '../../units/units.labels.ts';

export const classStatusLabel = (t: Translate, code: string) => codeLabel(t, 'trainingExec.status', code);
export const enrolmentStatusLabel = (t: Translate, code: string) => codeLabel(t, 'trainingExec.enrolStatus', code);
