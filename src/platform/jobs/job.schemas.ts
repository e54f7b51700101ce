import { z } from 'zod';
import { JOB_STATUSES } from './jobs.ts';

/** A background job as an API shows it: state, attempts, the handler's last progress and error. */
export const JobStateSchema = z.object({
  id: z.number().int(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z
    .object({
      fraction: z.number(),
      messageKey: z.string(),
      figures: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    })
    .nullable(),
  error: z.string().nullable(),
});
export type JobState = z.infer<typeof JobStateSchema>;
