import type { Translate } from '../../platform/i18n/index.ts';
import { codeLabel } from '../units/units.labels.ts';

/** Labels of review campaigns (catalogue area review-campaigns), for pages and exports. */
export const campaignStatusLabel = (t: Translate, status: string) => codeLabel(t, 'reviewCampaigns.status', status);
export const instrumentLabel = (t: Translate, instrument: string) => codeLabel(t, 'reviewCampaigns.instrument', instrument);
