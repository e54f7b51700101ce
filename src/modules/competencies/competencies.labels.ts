import type { Translate } from '../../platform/i18n/index.ts';
import { codeLabel } from '../units/units.labels.ts';

export const competencyGroupLabel = (t: Translate, group: string) => codeLabel(t, 'competencies.group', group);
export const versionStatusLabel = (t: Translate, status: string) => codeLabel(t, 'competencies.versions.status', status);
/** Fields reuse the unit catalogue's field names; competencies without a field show nothing. */
export const competencyFieldLabel = (t: Translate, field: string | null) => (field ? codeLabel(t, 'field', field) : '');
/** The Vietnamese text is the source; other languages show the English text. */
export const localised = (locale: string, vi: string, en: string) => (locale === 'vi' ? vi : en || vi);
