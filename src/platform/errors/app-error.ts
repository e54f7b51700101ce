/**
 * The closed set of error codes. Each maps, in ERROR_TABLE, to an HTTP status and a
 * message key; `satisfies` makes a new code without a status or translation a compile error.
 * Modules add their codes here under their own prefix.
 */
export const ERROR_TABLE = {
  VALIDATION_FAILED: { status: 400, key: 'error.VALIDATION_FAILED' },
  MALFORMED_JSON: { status: 400, key: 'error.MALFORMED_JSON' },
  BAD_ENCODING: { status: 400, key: 'error.BAD_ENCODING' },
  BODY_TOO_LARGE: { status: 413, key: 'error.BODY_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, key: 'error.UNSUPPORTED_MEDIA_TYPE' },
  UNAUTHENTICATED: { status: 401, key: 'error.UNAUTHENTICATED' },
  FORBIDDEN: { status: 403, key: 'error.FORBIDDEN' },
  CSRF_INVALID: { status: 403, key: 'error.CSRF_INVALID' },
  NOT_FOUND: { status: 404, key: 'error.NOT_FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, key: 'error.METHOD_NOT_ALLOWED' },
  VERSION_CONFLICT: { status: 409, key: 'error.VERSION_CONFLICT' },
  RATE_LIMITED: { status: 429, key: 'error.RATE_LIMITED' },
  SERVICE_UNAVAILABLE: { status: 503, key: 'error.SERVICE_UNAVAILABLE' },
  INTERNAL: { status: 500, key: 'error.INTERNAL' },
  AUTH_INVALID_CREDENTIALS: { status: 401, key: 'error.AUTH_INVALID_CREDENTIALS' },
  AUTH_LOCKED: { status: 429, key: 'error.AUTH_LOCKED' },
  AUTH_MFA_INVALID: { status: 401, key: 'error.AUTH_MFA_INVALID' },
  AUTH_TOKEN_INVALID: { status: 401, key: 'error.AUTH_TOKEN_INVALID' },
  PASSWORD_TOO_SHORT: { status: 400, key: 'error.PASSWORD_TOO_SHORT' },
  PASSWORD_TOO_LONG: { status: 400, key: 'error.PASSWORD_TOO_LONG' },
  PASSWORD_TOO_COMMON: { status: 400, key: 'error.PASSWORD_TOO_COMMON' },
  PASSWORD_MISMATCH: { status: 400, key: 'error.PASSWORD_MISMATCH' },
  USER_USERNAME_TAKEN: { status: 409, key: 'error.USER_USERNAME_TAKEN' },
  USER_UNIT_REQUIRED: { status: 400, key: 'error.USER_UNIT_REQUIRED' },
  USER_NOT_FOUND: { status: 404, key: 'error.USER_NOT_FOUND' },
  UNIT_NOT_FOUND: { status: 404, key: 'error.UNIT_NOT_FOUND' },
  STAFF_NOT_FOUND: { status: 404, key: 'error.STAFF_NOT_FOUND' },
  TOKEN_NOT_FOUND: { status: 404, key: 'error.TOKEN_NOT_FOUND' },
  AUTH_TOTP_ALREADY_ENABLED: { status: 409, key: 'error.AUTH_TOTP_ALREADY_ENABLED' },
  USER_CANNOT_DISABLE_SELF: { status: 409, key: 'error.USER_CANNOT_DISABLE_SELF' },
  RULE_VALUE_INVALID: { status: 400, key: 'error.RULE_VALUE_INVALID' },
  CALENDAR_HOLIDAY_EXISTS: { status: 409, key: 'error.CALENDAR_HOLIDAY_EXISTS' },
  CALENDAR_HOLIDAY_NOT_FOUND: { status: 404, key: 'error.CALENDAR_HOLIDAY_NOT_FOUND' },
  CALENDAR_WORKING_DAY_NOT_WEEKEND: { status: 400, key: 'error.CALENDAR_WORKING_DAY_NOT_WEEKEND' },
  CALENDAR_DAY_OFF_ON_WEEKEND: { status: 400, key: 'error.CALENDAR_DAY_OFF_ON_WEEKEND' },
  PROCEDURE_NOT_FOUND: { status: 404, key: 'error.PROCEDURE_NOT_FOUND' },
  PROCEDURE_CODE_TAKEN: { status: 409, key: 'error.PROCEDURE_CODE_TAKEN' },
  PROCEDURE_SUPERSEDED: { status: 409, key: 'error.PROCEDURE_SUPERSEDED' },
  DOSSIER_NOT_FOUND: { status: 404, key: 'error.DOSSIER_NOT_FOUND' },
  SCORECARD_PERIOD_INVALID: { status: 400, key: 'error.SCORECARD_PERIOD_INVALID' },
  DOSSIER_PROCEDURE_NOT_IN_FORCE: { status: 400, key: 'error.DOSSIER_PROCEDURE_NOT_IN_FORCE' },
  DOSSIER_COMPETENT_UNIT_INVALID: { status: 400, key: 'error.DOSSIER_COMPETENT_UNIT_INVALID' },
  DOSSIER_PAPER_REFUSED: { status: 422, key: 'error.DOSSIER_PAPER_REFUSED' },
  DOSSIER_ONLINE_NOT_OFFERED: { status: 422, key: 'error.DOSSIER_ONLINE_NOT_OFFERED' },
  DOSSIER_NOT_AWAITING_RECEPTION: { status: 409, key: 'error.DOSSIER_NOT_AWAITING_RECEPTION' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, key: 'error.IDEMPOTENCY_KEY_INVALID' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, key: 'error.IDEMPOTENCY_KEY_REUSED' },
  DOSSIER_TRANSITION_NOT_ALLOWED: { status: 409, key: 'error.DOSSIER_TRANSITION_NOT_ALLOWED' },
  DOSSIER_ROLE_NOT_ALLOWED_AT_STEP: { status: 409, key: 'error.DOSSIER_ROLE_NOT_ALLOWED_AT_STEP' },
  DOSSIER_ACTION_NOT_AT_THIS_STEP: { status: 409, key: 'error.DOSSIER_ACTION_NOT_AT_THIS_STEP' },
  DOSSIER_SUPPLEMENT_ALREADY_REQUESTED: { status: 409, key: 'error.DOSSIER_SUPPLEMENT_ALREADY_REQUESTED' },
  DOSSIER_PAYMENT_ALREADY_REQUESTED: { status: 409, key: 'error.DOSSIER_PAYMENT_ALREADY_REQUESTED' },
  DOSSIER_DUE_DATE_REQUIRED: { status: 409, key: 'error.DOSSIER_DUE_DATE_REQUIRED' },
  DOSSIER_REASON_REQUIRED: { status: 409, key: 'error.DOSSIER_REASON_REQUIRED' },
  DOSSIER_WORKFLOW_INVALID: { status: 409, key: 'error.DOSSIER_WORKFLOW_INVALID' },
  DOSSIER_TIME_BEFORE_LAST_EVENT: { status: 409, key: 'error.DOSSIER_TIME_BEFORE_LAST_EVENT' },
  DOSSIER_ASSIGNED_TO_OTHER: { status: 409, key: 'error.DOSSIER_ASSIGNED_TO_OTHER' },
  DOSSIER_ASSIGNEE_INVALID: { status: 400, key: 'error.DOSSIER_ASSIGNEE_INVALID' },
  DOSSIER_NOT_ASSIGNABLE: { status: 409, key: 'error.DOSSIER_NOT_ASSIGNABLE' },
  DOSSIER_APOLOGY_NOT_OPEN: { status: 409, key: 'error.DOSSIER_APOLOGY_NOT_OPEN' },
  DOSSIER_APOLOGY_DATE_NOT_LATER: { status: 400, key: 'error.DOSSIER_APOLOGY_DATE_NOT_LATER' },
  DOSSIER_FACT_RESULT_NOT_ISSUED: { status: 409, key: 'error.DOSSIER_FACT_RESULT_NOT_ISSUED' },
  DOSSIER_FACT_NO_FEE: { status: 409, key: 'error.DOSSIER_FACT_NO_FEE' },
  DOSSIER_FACT_NOT_OPEN: { status: 409, key: 'error.DOSSIER_FACT_NOT_OPEN' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, key: 'error.ATTACHMENT_TYPE_REFUSED' },
  ATTACHMENT_TOO_LARGE: { status: 413, key: 'error.ATTACHMENT_TOO_LARGE' },
  ATTACHMENT_MISSING: { status: 400, key: 'error.ATTACHMENT_MISSING' },
  ATTACHMENT_TOO_MANY: { status: 400, key: 'error.ATTACHMENT_TOO_MANY' },
  ATTACHMENT_NOT_FOUND: { status: 404, key: 'error.ATTACHMENT_NOT_FOUND' },
  APOLOGY_SLIP_NOT_FOUND: { status: 404, key: 'error.APOLOGY_SLIP_NOT_FOUND' },
  RECEIPT_NOT_AVAILABLE: { status: 409, key: 'error.RECEIPT_NOT_AVAILABLE' },
  TRACKING_NOT_FOUND: { status: 404, key: 'error.TRACKING_NOT_FOUND' },
  TRACKING_RATE_LIMITED: { status: 429, key: 'error.TRACKING_RATE_LIMITED' },
  RATING_NOT_ALLOWED: { status: 409, key: 'error.RATING_NOT_ALLOWED' },
  RATING_ALREADY_GIVEN: { status: 409, key: 'error.RATING_ALREADY_GIVEN' },
  RATING_INVALID: { status: 400, key: 'error.RATING_INVALID' },
  FEEDBACK_NOT_FOUND: { status: 404, key: 'error.FEEDBACK_NOT_FOUND' },
  FEEDBACK_UNIT_INVALID: { status: 400, key: 'error.FEEDBACK_UNIT_INVALID' },
  FEEDBACK_ALREADY_CLOSED: { status: 409, key: 'error.FEEDBACK_ALREADY_CLOSED' },
  QUEUE_UNIT_NOT_FOUND: { status: 404, key: 'error.QUEUE_UNIT_NOT_FOUND' },
  QUEUE_TICKET_NOT_FOUND: { status: 404, key: 'error.QUEUE_TICKET_NOT_FOUND' },
  QUEUE_TICKET_NOT_CALLED: { status: 409, key: 'error.QUEUE_TICKET_NOT_CALLED' },
  QUEUE_TICKET_NOT_SERVING: { status: 409, key: 'error.QUEUE_TICKET_NOT_SERVING' },
  QUEUE_TICKET_SERVING: { status: 409, key: 'error.QUEUE_TICKET_SERVING' },
  QUEUE_TICKET_CLOSED: { status: 409, key: 'error.QUEUE_TICKET_CLOSED' },
  QUEUE_NOTHING_WAITING: { status: 409, key: 'error.QUEUE_NOTHING_WAITING' },
  QUEUE_DAY_FULL: { status: 409, key: 'error.QUEUE_DAY_FULL' },
  QUEUE_ALREADY_LINKED: { status: 409, key: 'error.QUEUE_ALREADY_LINKED' },
  QUEUE_DOSSIER_INVALID: { status: 422, key: 'error.QUEUE_DOSSIER_INVALID' },
  QUEUE_RANGE_INVALID: { status: 400, key: 'error.QUEUE_RANGE_INVALID' },
  FRAMEWORK_VERSION_NOT_FOUND: { status: 404, key: 'error.FRAMEWORK_VERSION_NOT_FOUND' },
  FRAMEWORK_VERSION_PUBLISHED: { status: 409, key: 'error.FRAMEWORK_VERSION_PUBLISHED' },
  FRAMEWORK_DRAFT_EXISTS: { status: 409, key: 'error.FRAMEWORK_DRAFT_EXISTS' },
  FRAMEWORK_INVALID: { status: 422, key: 'error.FRAMEWORK_INVALID' },
  COMPETENCY_NOT_FOUND: { status: 404, key: 'error.COMPETENCY_NOT_FOUND' },
  POSITION_NOT_FOUND: { status: 404, key: 'error.POSITION_NOT_FOUND' },
  POSITION_NOT_IN_CATALOGUE: { status: 422, key: 'error.POSITION_NOT_IN_CATALOGUE' },
  REVIEW_CAMPAIGN_NOT_FOUND: { status: 404, key: 'error.REVIEW_CAMPAIGN_NOT_FOUND' },
  REVIEW_CAMPAIGN_LOCKED: { status: 409, key: 'error.REVIEW_CAMPAIGN_LOCKED' },
  REVIEW_CAMPAIGN_STAGE_INVALID: { status: 409, key: 'error.REVIEW_CAMPAIGN_STAGE_INVALID' },
  REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED: { status: 400, key: 'error.REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED' },
  REVIEW_CAMPAIGN_PERIOD_INVALID: { status: 400, key: 'error.REVIEW_CAMPAIGN_PERIOD_INVALID' },
  REVIEW_CAMPAIGN_NO_REGIME: { status: 422, key: 'error.REVIEW_CAMPAIGN_NO_REGIME' },
  REVIEW_CAMPAIGN_SCOPE_EMPTY: { status: 422, key: 'error.REVIEW_CAMPAIGN_SCOPE_EMPTY' },
  REVIEW_CAMPAIGN_SCOPE_INVALID: { status: 422, key: 'error.REVIEW_CAMPAIGN_SCOPE_INVALID' },
  REVIEW_CAMPAIGN_EXCELLENT_QUOTA: { status: 409, key: 'error.REVIEW_CAMPAIGN_EXCELLENT_QUOTA' },
  REVIEW_SNAPSHOT_NOT_FOUND: { status: 404, key: 'error.REVIEW_SNAPSHOT_NOT_FOUND' },
  ASSESSMENT_PARTICIPANT_NOT_FOUND: { status: 404, key: 'error.ASSESSMENT_PARTICIPANT_NOT_FOUND' },
  ASSESSMENT_NOT_OWNER: { status: 403, key: 'error.ASSESSMENT_NOT_OWNER' },
  ASSESSMENT_OWN_RECORD: { status: 403, key: 'error.ASSESSMENT_OWN_RECORD' },
  ASSESSMENT_STAGE_OPEN: { status: 409, key: 'error.ASSESSMENT_STAGE_OPEN' },
  ASSESSMENT_STAGE_SELF_ASSESSMENT: { status: 409, key: 'error.ASSESSMENT_STAGE_SELF_ASSESSMENT' },
  ASSESSMENT_STAGE_SUPERVISOR_REVIEW: { status: 409, key: 'error.ASSESSMENT_STAGE_SUPERVISOR_REVIEW' },
  ASSESSMENT_STAGE_COUNCIL: { status: 409, key: 'error.ASSESSMENT_STAGE_COUNCIL' },
  ASSESSMENT_INVALID: { status: 422, key: 'error.ASSESSMENT_INVALID' },
  ROSTER_FILE_MISSING: { status: 400, key: 'error.ROSTER_FILE_MISSING' },
  ROSTER_NOT_MULTIPART: { status: 415, key: 'error.ROSTER_NOT_MULTIPART' },
  ROSTER_FILE_TOO_LARGE: { status: 413, key: 'error.ROSTER_FILE_TOO_LARGE' },
  ROSTER_TOO_MANY_ROWS: { status: 422, key: 'error.ROSTER_TOO_MANY_ROWS' },
  ROSTER_EXPORT_TOO_LARGE: { status: 422, key: 'error.ROSTER_EXPORT_TOO_LARGE' },
  STAFFING_WISN_INVALID: { status: 422, key: 'error.STAFFING_WISN_INVALID' },
  STAFFING_RUN_NOT_FOUND: { status: 404, key: 'error.STAFFING_RUN_NOT_FOUND' },
  STAFFING_RUN_LINE_NOT_FOUND: { status: 404, key: 'error.STAFFING_RUN_LINE_NOT_FOUND' },
  STAFFING_RUN_PERIOD_INVALID: { status: 400, key: 'error.STAFFING_RUN_PERIOD_INVALID' },
  STAFFING_RUN_PERIOD_FUTURE: { status: 400, key: 'error.STAFFING_RUN_PERIOD_FUTURE' },
  PLACEMENT_BATCH_NOT_FOUND: { status: 404, key: 'error.PLACEMENT_BATCH_NOT_FOUND' },
  PLACEMENT_RECOMMENDATION_NOT_FOUND: { status: 404, key: 'error.PLACEMENT_RECOMMENDATION_NOT_FOUND' },
  PLACEMENT_ALREADY_DECIDED: { status: 409, key: 'error.PLACEMENT_ALREADY_DECIDED' },
  PLACEMENT_STALE: { status: 409, key: 'error.PLACEMENT_STALE' },
  PLACEMENT_RUN_NOT_LATEST: { status: 409, key: 'error.PLACEMENT_RUN_NOT_LATEST' },
  PLACEMENT_OPTION_OUT_OF_BOUNDS: { status: 400, key: 'error.PLACEMENT_OPTION_OUT_OF_BOUNDS' },
  PLACEMENT_DATES_INVALID: { status: 400, key: 'error.PLACEMENT_DATES_INVALID' },
  TRAINING_COURSE_NOT_FOUND: { status: 404, key: 'error.TRAINING_COURSE_NOT_FOUND' },
  TRAINING_COURSE_CODE_TAKEN: { status: 409, key: 'error.TRAINING_COURSE_CODE_TAKEN' },
  TRAINING_COURSE_RETIRED: { status: 409, key: 'error.TRAINING_COURSE_RETIRED' },
  TRAINING_IMPORT_INVALID: { status: 422, key: 'error.TRAINING_IMPORT_INVALID' },
} as const satisfies Record<string, { status: number; key: `error.${string}` }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export type FieldProblem = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;
  /** Set when the record exists but the caller may not reach it; the pipeline audits it. */
  denied = false;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fieldProblems: FieldProblem[] = [],
  ) {
    super(code);
    this.status = ERROR_TABLE[code].status;
  }

  /**
   * An object-level refusal: answered exactly like a missing record (so existence does not
   * leak across units or provinces), but recorded in the audit log as a refused authorisation.
   */
  static denied(code: ErrorCode): AppError {
    const e = new AppError(code);
    e.denied = true;
    return e;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
