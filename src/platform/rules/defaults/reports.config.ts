import { z } from 'zod';
import { versionFields } from './reviews-common.config.ts';

/**
 * The schedule of the periodic reports (issue 7 §3). No legal text sets it: a Cadre placeholder
 * kept as a versioned rule, so a province turns its scheduled reports on or off, or limits them
 * to the province report, by decision without a code change (domain.md §12).
 *
 *   enabled       the schedule runs at all for the province
 *   monthly       the last complete month's report is built once it has ended
 *   quarterly     the last complete quarter's report is built once it has ended
 *   includeUnits  besides the province's report, one for every current commune, ward and special zone
 */
export const ReportScheduleConfigSchema = z.strictObject({
  ...versionFields,
  enabled: z.boolean(),
  monthly: z.boolean(),
  quarterly: z.boolean(),
  includeUnits: z.boolean(),
});
export type ReportScheduleConfig = z.infer<typeof ReportScheduleConfigSchema>;

export const DEFAULT_REPORT_SCHEDULE_CONFIG: ReportScheduleConfig = {
  version: 'cadre-reports-schedule-placeholder-2026',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Cadre placeholder, no legal source (issue 7 §3): build the monthly and quarterly reports of the province and of every current unit once the period has ended. Set the province’s own schedule by decision.',
  enabled: true,
  monthly: true,
  quarterly: true,
  includeUnits: true,
};
