import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';

/** Schemas of the administration of versioned rules (domain.md §12: every unconfirmed legal parameter is a rule). */

export const RULE_ORIGINS = ['default', 'national', 'province'] as const;

export const RuleKeyParamsSchema = z.object({
  key: z.string().min(1).max(100).describe('A rule key of the registry, e.g. staffing.norm (404 for an unknown key)'),
});

export const RuleOnDateQuerySchema = z.object({
  onDate: z.preprocess(
    blankToUndefined,
    z.iso
      .date()
      .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'between 2000-01-01 and 2100-12-31')
      .optional()
      .describe('The date whose version is wanted (YYYY-MM-DD); today in Vietnam by default'),
  ),
});
export type RuleOnDateQuery = z.infer<typeof RuleOnDateQuerySchema>;

/** Shared by the list row and the detail: which version is in force, and on what basis. */
const InForceFields = {
  key: z.string(),
  version: z.string().nullable().describe('The `version` label inside the value, for rules whose value carries one; null otherwise'),
  effectiveFrom: z.string().nullable().describe('YYYY-MM-DD the version took effect; null when the registry default applies'),
  origin: z.enum(RULE_ORIGINS).describe('default (registry, no stored version), national or province'),
  sourceNote: z.string().describe('The document the value comes from'),
};

export const RuleSummarySchema = z.object(InForceFields);
export type RuleSummary = z.infer<typeof RuleSummarySchema>;

export const RuleListSchema = z.object({
  onDate: z.string().describe('YYYY-MM-DD'),
  provinceCode: z.string(),
  items: z.array(RuleSummarySchema),
});
export type RuleList = z.infer<typeof RuleListSchema>;

export const RuleVersionSchema = z.object({
  origin: z.enum(['national', 'province']),
  effectiveFrom: z.string().describe('YYYY-MM-DD'),
  value: z.unknown(),
  sourceNote: z.string(),
  createdAt: z.string().describe('UTC instant the version was recorded (or last corrected)'),
  revision: z
    .number()
    .int()
    .describe('Moves on with every correction in place; send it as `expectedRevision` to correct this (province) version'),
});
export type RuleVersion = z.infer<typeof RuleVersionSchema>;

export const RuleDetailSchema = z.object({
  ...InForceFields,
  onDate: z.string().describe('YYYY-MM-DD'),
  provinceCode: z.string(),
  value: z.unknown().describe('The value in force on onDate, as the rule’s schema defines it'),
  defaultSourceNote: z.string().describe('Where the registry default comes from'),
  history: z.array(RuleVersionSchema).describe('Stored versions of the province and national ones, newest effective date first'),
});
export type RuleDetail = z.infer<typeof RuleDetailSchema>;

export const AddRuleVersionBodySchema = z.strictObject({
  value: z.unknown().describe('The new value; checked against the rule’s own schema (400 RULE_VALUE_INVALID lists every problem path)'),
  effectiveFrom: z.string().max(40).describe('YYYY-MM-DD from which the version applies (checked together with the value)'),
  sourceNote: z.string().max(2000).describe('The decree, decision or letter the value comes from: required, at most 1000 characters'),
  expectedRevision: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .optional()
    .describe(
      'What you read of the province version with this `effectiveFrom`: its `revision` (history), or 0 / omitted when there is none. ' +
        'Required in effect to correct a same-day version: if one exists and this does not match it (omitted counts as 0), or one appeared since, 409 VERSION_CONFLICT and nothing is written.',
    ),
});
export type AddRuleVersionBody = z.infer<typeof AddRuleVersionBodySchema>;

/** The page form: everything arrives as text; the value is JSON text. */
export const RuleVersionFormSchema = z.object({
  _csrf: z.string().max(200).optional(),
  value: z.string().max(200_000).default(''),
  effectiveFrom: z.string().max(40).default(''),
  sourceNote: z.string().max(2000).default(''),
  /** Hidden: the province versions the form was shown with, as `date:revision,…` (see revisionsToken). */
  revisions: z.string().max(20_000).default(''),
});
export type RuleVersionForm = z.infer<typeof RuleVersionFormSchema>;
