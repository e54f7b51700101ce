import { z } from 'zod';
import { CertaintySchema, versionFields } from './reviews-common.config.ts';

/**
 * The thresholds of the province overview's alerts and its size bands (issue 7 §1, §4). No
 * legal text sets them: they are Cadre placeholders kept as a rule with an effective date, so
 * a province tunes its warnings by decision without a code change (domain.md §12).
 *
 *   about to miss   an open dossier (received or processing) without an apology slip covering it
 *                   whose appointment is at most `dueWithinWorkingDays` working days of office time away
 *                   (dossiers/lifecycle needsApology with this lead)
 *   on-time alert   a unit whose Decision 766 on-time share (indicator 2.1) is below `onTimeShareBelow`
 *   WISN alert      a line (unit × staff category) of the latest stored WISN run whose ratio is below `wisnRatioBelow`
 *   size band       SMALL below `sizeBands.mediumFrom` inhabitants, LARGE from `sizeBands.largeFrom`, MEDIUM between
 */
export const OverviewConfigSchema = z
  .strictObject({
    ...versionFields,
    dueWithinWorkingDays: z.number().int().min(0).max(30),
    onTimeShareBelow: z.number().min(0).max(1),
    wisnRatioBelow: z.number().min(0).max(5),
    sizeBands: z.strictObject({ mediumFrom: z.number().int().min(0), largeFrom: z.number().int().min(0) }),
    certainty: CertaintySchema,
  })
  .refine((c) => c.sizeBands.mediumFrom <= c.sizeBands.largeFrom, 'sizeBands.mediumFrom must not exceed sizeBands.largeFrom');
export type OverviewConfig = z.infer<typeof OverviewConfigSchema>;

export const DEFAULT_OVERVIEW_CONFIG: OverviewConfig = {
  version: 'cadre-overview-placeholder-2026',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Cadre placeholder, no legal source (issue 7 §4): warn 1 working day before an appointment without an apology slip (as dossier.apologyLeadWorkingDays, Decree 61/2018 Art. 21 [NC]); on-time share below 90 %; WISN ratio below 0.8; size bands by population below 10,000 / from 30,000. Set the province’s own thresholds by decision.',
  dueWithinWorkingDays: 1,
  onTimeShareBelow: 0.9,
  wisnRatioBelow: 0.8,
  sizeBands: { mediumFrom: 10_000, largeFrom: 30_000 },
  certainty: 'NC',
};
