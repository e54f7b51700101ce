import { z } from 'zod';
import { blankToUndefined } from '../../../platform/http/common.schemas.ts';
import { ENROLMENT_STATUSES } from './execution.ts';

/** Finding people to enrol in a class: by name, or from the training needs the class's course closes. */

export const CandidateQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()).describe('Name, any order, diacritics optional'),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).default(20)),
});
export type CandidateQuery = z.infer<typeof CandidateQuerySchema>;

export const SuggestionQuerySchema = z.object({
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuerySchema>;

const EligibilityFields = {
  eligible: z.boolean().describe('Eligible for the class’s course on its first day'),
  reasons: z.array(z.string()).describe('Every eligibility rule not met, in words'),
  enrolment: z.enum(ENROLMENT_STATUSES).nullable().describe('The person’s row in this class, if any (WITHDRAWN can be enrolled again)'),
};

export const CandidateSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  unitName: z.string(),
  rank: z.string(),
  currentTitle: z.string().nullable(),
  ...EligibilityFields,
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const CandidateListSchema = z.object({
  classId: z.number().int(),
  items: z.array(CandidateSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CandidateList = z.infer<typeof CandidateListSchema>;

export const ClosedNeedSchema = z.object({
  kind: z.enum(['COMPETENCY', 'MANDATORY']),
  competencyCode: z.string().nullable(),
  competencyNameVi: z.string().nullable(),
  competencyNameEn: z.string().nullable(),
  courseCode: z.string().nullable(),
  required: z.number().int().nullable(),
  assessed: z.number().int().nullable(),
  weight: z.number(),
});
export type ClosedNeed = z.infer<typeof ClosedNeedSchema>;

export const SuggestionSchema = CandidateSchema.omit({ rank: true, currentTitle: true }).extend({
  weight: z.number().describe('Sum of the weights of the needs the course closes for the person'),
  needs: z.array(ClosedNeedSchema).describe('The needs the course closes, most weighted first'),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const SuggestionListSchema = z.object({
  classId: z.number().int(),
  courseCode: z.string(),
  asOf: z.string().describe('The day the needs were computed on'),
  total: z.number().int().describe('People in scope with a need the course closes, not already holding a seat'),
  items: z.array(SuggestionSchema).describe('Largest weight first'),
});
export type SuggestionList = z.infer<typeof SuggestionListSchema>;
