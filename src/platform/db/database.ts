import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * The database as Kysely sees it, in camelCase (CamelCasePlugin maps to snake_case).
 * Instants are UTC ISO strings on both dialects (pg type parsers normalise timestamptz);
 * calendar dates are 'YYYY-MM-DD' strings; SQLite flags are 0/1 and are mapped to
 * booleans in repositories with `fromDbBool`.
 * Every tenant-owned table carries `provinceCode` so PostgreSQL can be sharded by it.
 */
type Instant = ColumnType<string, string, string>;
type DbBool = ColumnType<boolean | number, boolean | number, boolean | number>;

export type ProvinceTable = {
  code: string;
  name: string;
  createdAt: Instant;
};

export type AdministrativeUnitTable = {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  name: string;
  nameSearch: string;
  kind: string;
  parentId: number | null;
  population: number | null;
  areaKm2: number | null;
  isMountainous: DbBool;
  validFrom: string | null;
  validTo: string | null;
  createdByResolution: string | null;
  version: Generated<number>;
  createdAt: Instant;
  updatedAt: Instant;
};

export type UnitLineageTable = {
  id: Generated<number>;
  provinceCode: string;
  predecessorId: number;
  successorId: number;
  resolution: string;
  effectiveDate: string;
};

export type OrgBodyTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number;
  kind: string;
  name: string;
  fields: string;
  deputyQuota: number;
};

export type UserTable = {
  id: Generated<number>;
  provinceCode: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  unitId: number | null;
  /** The staff record of this account, when it belongs to an official. */
  staffId: number | null;
  locale: string;
  totpSecret: string | null;
  totpEnabled: DbBool;
  totpLastStep: number | null;
  disabledAt: string | null;
  passwordChangedAt: Instant;
  createdAt: Instant;
};

export type SessionTable = {
  id: string;
  userId: number;
  provinceCode: string;
  stage: string;
  createdAt: Instant;
  lastSeenAt: Instant;
  expiresAt: Instant;
  endedAt: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type ApiTokenTable = {
  id: Generated<number>;
  provinceCode: string;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: Instant;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type LoginAttemptTable = {
  id: Generated<number>;
  usernameKey: string;
  ip: string | null;
  succeeded: DbBool;
  at: Instant;
};

export type AuditLogTable = {
  seq: number;
  provinceCode: string;
  at: Instant;
  actorUserId: number | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorUnitId: number | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
};

export type AuditHeadTable = {
  id: number;
  seq: number;
  hash: string;
};

export type StaffTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number;
  orgBodyId: number | null;
  fullName: string;
  nameSearch: string;
  /** Byte-comparable Vietnamese sort key of the name (ADR 0007); written with every name. */
  nameSort: string;
  gender: string;
  birthDate: string;
  citizenId: string;
  phone: string | null;
  email: string | null;
  ethnicity: string | null;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  politicalTheory: string | null;
  stateManagementTraining: string | null;
  itCertificate: string | null;
  foreignLanguageCertificate: string | null;
  /** Until when a disciplinary matter is pending or a sanction in force (migration 0021); null = none known. */
  disciplinePendingUntil: Generated<string | null>;
  rank: string;
  employmentStatus: string;
  currentTitle: string | null;
  version: Generated<number>;
  createdAt: Instant;
  updatedAt: Instant;
};

export type AppointmentTable = {
  id: Generated<number>;
  provinceCode: string;
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  title: string;
  startDate: string;
  endDate: string | null;
  decision: string | null;
};

export type RuleValueTable = {
  id: Generated<number>;
  /** '' for the national value. */
  provinceCode: string;
  key: string;
  /** JSON text, checked against the rule's Zod schema (src/platform/rules). */
  value: string;
  effectiveFrom: string;
  sourceNote: string;
  createdAt: Instant;
  createdBy: number | null;
  /** Moves on when the version is corrected in place (migration 0030). */
  revision: Generated<number>;
};

/** National reference data (not tenant-owned): public holidays, days off and swapped working days. */
export type HolidayTable = {
  id: Generated<number>;
  date: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  decidingDocument: string;
  confirmed: DbBool;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProcedureTable = {
  id: Generated<number>;
  provinceCode: string;
  nationalCode: string;
  nameVi: string;
  nameEn: string;
  nameSearch: string;
  field: string;
  competentLevel: string;
  timeLimitAmount: number;
  timeLimitUnit: string;
  timeLimitNote: string | null;
  fee: number;
  feeNote: string | null;
  onlineLevel: string;
  paperResult: DbBool;
  essentialService: DbBool;
  /** JSON text: RequiredDocument[] */
  requiredDocuments: string;
  /** JSON text: WorkflowStep[] */
  workflow: string;
  sourceTag: string | null;
  sourceNote: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  version: Generated<number>;
  createdAt: Instant;
  updatedAt: Instant;
};

export type DossierTable = {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  receivingUnitId: number;
  competentUnitId: number;
  procedureId: number;
  /** 1 in person, 2 online, 3 by post. */
  channel: number;
  /** Status codes 1–10 of domain.md §6.2. */
  status: number;
  applicantName: string;
  applicantNameSearch: string;
  applicantIdNumber: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantAddress: string | null;
  summary: string | null;
  receivedAt: Instant | null;
  validAt: Instant | null;
  dueAt: Instant | null;
  finishedAt: Instant | null;
  returnedAt: Instant | null;
  /** bigint: PostgreSQL returns it as a string; repositories convert. */
  pausedMs: ColumnType<string | number, number | undefined, number>;
  supplementRequests: Generated<number>;
  version: Generated<number>;
  createdAt: Instant;
  updatedAt: Instant;
  createdBy: number | null;
  /** Index into the procedure version's workflow of the step now holding the dossier. */
  stepIndex: Generated<number>;
  /** The field specialist handling it, when assigned. */
  assigneeId: number | null;
  stoppedAt: Instant | null;
  withdrawnAt: Instant | null;
  /** The latest apology slip's new appointment; null while the statutory due date holds. */
  promisedAt: Instant | null;
  /** Decision 766 facts (migration 0014): result issued electronically, fee paid online, synced to DVCQG. */
  electronicResultAt: ColumnType<string | null, string | null | undefined, string | null>;
  paidOnlineAt: ColumnType<string | null, string | null | undefined, string | null>;
  /** Reused digitised data or the national population database instead of paper copies; 0/1 on SQLite. */
  reusedData: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  nationalSyncAt: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ApologySlipTable = {
  id: Generated<number>;
  provinceCode: string;
  dossierId: number;
  reason: string;
  previousDueAt: Instant;
  newDueAt: Instant;
  issuedAt: Instant;
  issuedBy: number;
  /** 'EMAIL' or 'COUNTER'. */
  channel: string;
  recipient: string | null;
  deliveredAt: Instant | null;
  deliveryError: string | null;
};

export type DossierEventTable = {
  id: Generated<number>;
  provinceCode: string;
  dossierId: number;
  at: Instant;
  actorUserId: number | null;
  kind: string;
  fromStatus: number | null;
  toStatus: number | null;
  note: string | null;
  /** JSON text. */
  data: string | null;
};

export type DossierCodeCounterTable = {
  provinceCode: string;
  agencyCode: string;
  /** Reception day in Vietnam, 'YYMMDD'. */
  day: string;
  lastSeq: number;
};

export type IdempotencyKeyTable = {
  id: Generated<number>;
  provinceCode: string;
  key: string;
  /** 0 for anonymous callers of public endpoints. */
  userId: number;
  requestHash: string;
  statusCode: number;
  /** JSON text of the first response. */
  response: string;
  createdAt: Instant;
};

export type DossierAttachmentTable = {
  id: Generated<number>;
  dossierId: number;
  provinceCode: string;
  fileName: string;
  storedName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: Instant;
};

export type DossierRatingTable = {
  id: Generated<number>;
  provinceCode: string;
  dossierId: number;
  channel: 'TRACKING_PAGE' | 'COUNTER_TABLET';
  /** JSON text {criterion: level}. */
  answers: string;
  comment: string | null;
  createdAt: Instant;
  /** The counter officer who recorded it on a tablet; null when the citizen rated online. */
  createdBy: number | null;
};

export type FeedbackTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number;
  dossierId: number | null;
  /** The code as the citizen typed it. */
  dossierCode: string | null;
  kind: 'FEEDBACK' | 'COMPLAINT' | 'PETITION';
  text: string;
  contact: string | null;
  receivedAt: Instant;
  dueAt: Instant;
  /** Refusal and information-request deadlines (migration 0015); null on older rows. */
  refuseDueAt: Instant | null;
  infoDueAt: Instant | null;
  status: 'RECEIVED' | 'ANSWERED' | 'REFUSED' | 'INFO_REQUESTED';
  answer: string | null;
  answeredAt: Instant | null;
  answeredBy: number | null;
  version: Generated<number>;
};

/** One row (id 1): bumped by triggers whenever reference data changes (migration 0011). */
export type ReferenceGenerationTable = {
  id: number;
  generation: number | string;
};

export type TrackingAttemptTable = {
  id: Generated<number>;
  /** 'ip:<address>' or 'code:<dossier code>'. */
  key: string;
  at: Instant;
};

export type QueueTicketTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number;
  field: string;
  /** The issuing day in Asia/Ho_Chi_Minh, 'YYYY-MM-DD'. */
  day: string;
  number: number;
  status: 'WAITING' | 'CALLED' | 'SERVING' | 'DONE' | 'NO_SHOW';
  issuedAt: Instant;
  /** The first call: the end of the wait. */
  calledAt: Instant | null;
  /** The latest call or recall: what orders the display. */
  lastCalledAt: Instant | null;
  callCount: Generated<number>;
  calledBy: number | null;
  counterLabel: string | null;
  servedAt: Instant | null;
  finishedAt: Instant | null;
  dossierId: number | null;
};

export type QueueTicketCounterTable = {
  provinceCode: string;
  unitId: number;
  field: string;
  day: string;
  lastNumber: number;
};

/** A version of the province's competency library and position catalogue (issue 4); published rows never change. */
export type FrameworkVersionTable = {
  id: Generated<number>;
  provinceCode: string;
  versionNo: number;
  label: string;
  effectiveFrom: string;
  status: string;
  sourceNote: string;
  createdAt: Instant;
  createdBy: number | null;
  publishedAt: Instant | null;
  publishedBy: number | null;
};

export type CompetencyTable = {
  id: Generated<number>;
  provinceCode: string;
  versionId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  nameSearch: string;
  competencyGroup: string;
  field: string | null;
  descriptionVi: string;
  descriptionEn: string;
  /** JSON text: { level, vi, en }[] for levels 1–5. */
  levels: string;
  draftDescriptors: DbBool;
  sortOrder: number;
};

export type PositionTable = {
  id: Generated<number>;
  provinceCode: string;
  versionId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  nameSearch: string;
  positionGroup: string;
  bodyKind: string;
  field: string | null;
  jobDescriptionVi: string;
  jobDescriptionEn: string;
  requiredRank: string;
  educationLevel: string;
  /** JSON text: string[] */
  qualificationFields: string;
  confirmed: DbBool;
  sourceNote: string;
  sortOrder: number;
  /** Moves on with every write of the position's competency framework (migration 0030). */
  frameworkRevision: Generated<number>;
};

export type PositionCompetencyTable = {
  id: Generated<number>;
  provinceCode: string;
  positionId: number;
  competencyCode: string;
  requiredLevel: number;
};

export type PositionPostTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number;
  positionCode: string;
  posts: number;
  updatedAt: Instant;
};

export type StaffPositionTable = {
  id: Generated<number>;
  provinceCode: string;
  staffId: number;
  positionId: number | null;
  unitId: number;
  startDate: string;
  endDate: string | null;
  /** Null: an ordinary appointment; 'SECONDMENT': a fixed-term secondment (biệt phái, migration 0021). */
  assignmentKind: Generated<string | null>;
  /** For a secondment: the unit the person comes from and returns to (staff.unit_id stays). */
  originUnitId: Generated<number | null>;
};

export type ReviewCampaignTable = {
  id: Generated<number>;
  provinceCode: string;
  /** Null: province-wide; otherwise the commune/ward that runs the campaign. */
  ownerUnitId: number | null;
  name: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  regime: string;
  /** JSON array of instrument codes. */
  instruments: string;
  scopeKind: string;
  /** JSON scope. */
  scope: string;
  frameworkVersionId: number | null;
  status: string;
  version: Generated<number>;
  reopenCount: Generated<number>;
  createdAt: Instant;
  createdBy: number | null;
  lockedAt: Instant | null;
  lockedBy: number | null;
};

export type ReviewParticipantTable = {
  id: Generated<number>;
  provinceCode: string;
  campaignId: number;
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  positionId: number | null;
  positionCode: string | null;
  positionGroup: string | null;
  supervisorStaffId: number | null;
  selfSubmittedAt: Instant | null;
  supervisorSubmittedAt: Instant | null;
  councilDecidedAt: Instant | null;
  /** Moves on with every write of the sheet (migration 0029): the optimistic-concurrency token. */
  version: Generated<number>;
};

export type ReviewCompetencyLevelTable = {
  id: Generated<number>;
  provinceCode: string;
  participantId: number;
  competencyCode: string;
  requiredLevel: number | null;
  selfLevel: number | null;
  selfEvidence: string | null;
  supervisorLevel: number | null;
  supervisorEvidence: string | null;
  councilLevel: number | null;
  councilEvidence: string | null;
  updatedAt: Instant;
};

export type ReviewEvaluationTable = {
  id: Generated<number>;
  provinceCode: string;
  participantId: number;
  regime: string;
  selfInput: string | null;
  supervisorInput: string | null;
  result: string | null;
  configVersion: string | null;
  score: number | null;
  rating: string | null;
  councilRating: string | null;
  councilNote: string | null;
  updatedAt: Instant;
};

export type ReviewScreeningTable = {
  id: Generated<number>;
  provinceCode: string;
  participantId: number;
  criteria: string;
  result: string;
  configVersion: string;
  outcome: string;
  updatedAt: Instant;
};

export type ReviewSnapshotTable = {
  id: Generated<number>;
  provinceCode: string;
  campaignId: number;
  sequence: number;
  takenAt: Instant;
  takenBy: number | null;
  payload: string;
  sha256: string;
};

export type CompetencyTestResultTable = {
  id: Generated<number>;
  provinceCode: string;
  staffId: number;
  competencyCode: string;
  testName: string;
  takenOn: string;
  score: number;
  maxScore: number;
  levelAchieved: number;
  passed: DbBool;
  recordedAt: Instant;
  recordedBy: number | null;
};

/** Placement batches and recommendations (migration 0021, ADR 0009). */
export type PlacementBatchTable = {
  id: Generated<number>;
  provinceCode: string;
  runId: number;
  params: string;
  objective: number;
  createdAt: Instant;
  createdBy: number | null;
  status: string;
};

export type PlacementRecommendationTable = {
  id: Generated<number>;
  provinceCode: string;
  batchId: number;
  staffId: number;
  fromStaffPositionId: number | null;
  fromUnitId: number;
  fromPositionId: number | null;
  fromField: string;
  toUnitId: number;
  toPositionId: number;
  toField: string;
  kind: string;
  endDate: string | null;
  benefit: number;
  cost: number;
  explanation: string;
  status: string;
  decidedAt: Instant | null;
  decidedBy: number | null;
  reason: string | null;
  version: Generated<number>;
};

/** Minutes per dossier of a procedure, versioned by effective date (migration 0020). */
export type ProcedureServiceStandardTable = {
  id: Generated<number>;
  provinceCode: string;
  procedureCode: string;
  minutesPerDossier: number;
  /** TIME_STUDY | EXPERT_ESTIMATE | CADRE_PLACEHOLDER */
  sourceKind: string;
  sourceNote: string;
  effectiveFrom: string;
  updatedAt: Instant;
  updatedBy: number | null;
  version: Generated<number>;
};

/** A stored province WISN run (migration 0020); rules, calendar and totals are JSON text. */
export type StaffingRunTable = {
  id: Generated<number>;
  provinceCode: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  formulaVersion: string;
  createdAt: Instant;
  createdBy: number | null;
  note: string | null;
  /** JSON text: string[] of what the run left out or assumed. */
  notes: string;
  rulesUsed: string;
  calendar: string;
  totals: string;
  /** JSON text: texts and blocks the run's packed lines share (migration 0026); null for older runs. */
  lineDictionary: string | null;
};

/** One unit × staff category line of a run; `line` is the RunLine JSON. */
export type StaffingRunLineTable = {
  id: Generated<number>;
  runId: number;
  unitId: number;
  field: string;
  status: string;
  requiredStaff: number | null;
  actualStaff: number;
  difference: number | null;
  ratio: number | null;
  line: string;
};

/** The training course catalogue (migration 0022); sessions, prerequisites and eligibility are JSON text. */
export type TrainingCourseTable = {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  nameVi: string;
  nameEn: string;
  nameSearch: string;
  contentType: string;
  mode: string;
  provider: string;
  location: string | null;
  durationDays: number;
  sessions: string;
  classCapacity: number;
  minClassSize: number;
  costPerClass: number;
  costPerParticipant: number;
  fundingSource: string;
  prerequisites: string;
  eligibility: string;
  status: string;
  version: Generated<number>;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: Instant;
  createdBy: number | null;
  updatedAt: Instant;
  updatedBy: number | null;
};

export type TrainingCourseCompetencyTable = {
  id: Generated<number>;
  provinceCode: string;
  courseId: number;
  competencyCode: string;
  raisesToLevel: number;
};

/** Durable background jobs (migration 0023, ADR 0010); payload, progress and result are JSON text. */
export type JobTable = {
  id: Generated<number>;
  kind: string;
  provinceCode: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  progress: string | null;
  result: string | null;
  error: string | null;
  runAfter: Instant;
  leaseUntil: Instant | null;
  leaseToken: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdBy: number | null;
  createdAt: Instant;
  startedAt: Instant | null;
  finishedAt: Instant | null;
  updatedAt: Instant;
  /** Higher is claimed first (migration 0028); scheduled batches run below 0. */
  priority: Generated<number>;
};

/** A generated training plan version (migration 0023); parameters and input_summary are JSON text. */
export type TrainingPlanTable = {
  id: Generated<number>;
  provinceCode: string;
  name: string;
  status: string;
  parameters: string;
  method: string | null;
  solverStatus: string | null;
  objective: number | null;
  bestBound: number | null;
  gap: number | null;
  solveSeconds: number | null;
  greedyObjective: number | null;
  gapClosed: number | null;
  totalCost: number | null;
  inputDigest: string | null;
  inputSummary: string | null;
  error: string | null;
  jobId: number | null;
  createdBy: number | null;
  createdAt: Instant;
  finishedAt: Instant | null;
};

export type TrainingPlanClassTable = {
  id: Generated<number>;
  provinceCode: string;
  planId: number;
  courseId: number;
  courseCode: string;
  year: number;
  classNo: number;
  participants: number;
  fundingSource: string;
  cost: number;
};

/** One person in one planned class; `needs` is the JSON list of needs the attendance closes. */
export type TrainingPlanAttendeeTable = {
  id: Generated<number>;
  provinceCode: string;
  planId: number;
  classId: number;
  staffId: number;
  unitId: number;
  weight: number;
  needs: string;
};

/** A class actually held (migration 0024); `planClassId` links a planned class without a foreign key. */
export type TrainingClassTable = {
  id: Generated<number>;
  provinceCode: string;
  courseId: number;
  code: string;
  organisingUnitId: number | null;
  provider: string;
  year: number;
  startDate: string;
  endDate: string;
  sessionDays: number;
  location: string | null;
  mode: string;
  capacity: number;
  /** PLANNED | OPEN | RUNNING | COMPLETED | CANCELLED */
  status: string;
  planClassId: number | null;
  version: Generated<number>;
  createdAt: Instant;
  createdBy: number | null;
  updatedAt: Instant;
  updatedBy: number | null;
};

/** One person in one held class (unique per class × staff). */
export type TrainingEnrolmentTable = {
  id: Generated<number>;
  provinceCode: string;
  classId: number;
  staffId: number;
  /** ENROLLED | WITHDRAWN | COMPLETED | FAILED | NO_SHOW */
  status: string;
  score: number | null;
  grade: string | null;
  certificateNo: string | null;
  completedOn: string | null;
  enrolledAt: Instant;
  enrolledBy: number | null;
  updatedAt: Instant;
  updatedBy: number | null;
};

export type TrainingAttendanceTable = {
  id: Generated<number>;
  provinceCode: string;
  enrolmentId: number;
  day: number;
  present: DbBool;
  recordedAt: Instant;
  recordedBy: number | null;
};

/** Position-fit evidence of a passed class: the competency is at least `level` from `achievedOn`. */
export type CompetencyTrainingEvidenceTable = {
  id: Generated<number>;
  provinceCode: string;
  staffId: number;
  competencyCode: string;
  level: number;
  achievedOn: string;
  enrolmentId: number;
  classId: number;
  classCode: string;
  courseCode: string;
  courseName: string;
  recordedAt: Instant;
  recordedBy: number | null;
};

/** Counts entered by hand for Decision 766 indicators (migration 0025); unitId null = the province's own figure. */
export type ScorecardSuppliedCountTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number | null;
  periodKind: string;
  periodYear: number;
  periodNo: number;
  indicatorCode: string;
  numerator: number;
  denominator: number;
  sourceNote: string;
  enteredBy: number | null;
  enteredAt: Instant;
  version: Generated<number>;
};

/** Periodic reports (migration 0027, issue 7 §3): snapshot JSON text, rendered files as bytes. */
export type ReportTable = {
  id: Generated<number>;
  provinceCode: string;
  unitId: number | null;
  kind: string;
  periodFrom: string;
  periodTo: string;
  trigger: string;
  scheduleKey: string | null;
  status: string;
  jobId: number | null;
  requestedBy: number | null;
  createdAt: Instant;
  builtAt: Instant | null;
  snapshot: string | null;
  snapshotSha256: string | null;
  pdf: Buffer | null;
  xlsx: Buffer | null;
  pdfSha256: string | null;
  xlsxSha256: string | null;
  error: string | null;
};

export type Database = {
  provinces: ProvinceTable;
  administrativeUnits: AdministrativeUnitTable;
  unitLineage: UnitLineageTable;
  orgBodies: OrgBodyTable;
  users: UserTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  loginAttempts: LoginAttemptTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  staff: StaffTable;
  appointments: AppointmentTable;
  ruleValues: RuleValueTable;
  holidays: HolidayTable;
  procedures: ProcedureTable;
  dossiers: DossierTable;
  dossierEvents: DossierEventTable;
  dossierCodeCounters: DossierCodeCounterTable;
  idempotencyKeys: IdempotencyKeyTable;
  dossierAttachments: DossierAttachmentTable;
  apologySlips: ApologySlipTable;
  dossierRatings: DossierRatingTable;
  feedback: FeedbackTable;
  trackingAttempts: TrackingAttemptTable;
  referenceGeneration: ReferenceGenerationTable;
  queueTickets: QueueTicketTable;
  queueTicketCounters: QueueTicketCounterTable;
  frameworkVersions: FrameworkVersionTable;
  competencies: CompetencyTable;
  positions: PositionTable;
  positionCompetencies: PositionCompetencyTable;
  positionPosts: PositionPostTable;
  staffPositions: StaffPositionTable;
  reviewCampaigns: ReviewCampaignTable;
  reviewParticipants: ReviewParticipantTable;
  reviewCompetencyLevels: ReviewCompetencyLevelTable;
  reviewEvaluations: ReviewEvaluationTable;
  reviewScreenings: ReviewScreeningTable;
  reviewSnapshots: ReviewSnapshotTable;
  competencyTestResults: CompetencyTestResultTable;
  procedureServiceStandards: ProcedureServiceStandardTable;
  staffingRuns: StaffingRunTable;
  staffingRunLines: StaffingRunLineTable;
  placementBatches: PlacementBatchTable;
  placementRecommendations: PlacementRecommendationTable;
  trainingCourses: TrainingCourseTable;
  trainingCourseCompetencies: TrainingCourseCompetencyTable;
  jobs: JobTable;
  trainingPlans: TrainingPlanTable;
  trainingPlanClasses: TrainingPlanClassTable;
  trainingPlanAttendees: TrainingPlanAttendeeTable;
  trainingClasses: TrainingClassTable;
  trainingEnrolments: TrainingEnrolmentTable;
  trainingAttendance: TrainingAttendanceTable;
  competencyTrainingEvidence: CompetencyTrainingEvidenceTable;
  scorecardSuppliedCounts: ScorecardSuppliedCountTable;
  reports: ReportTable;
};

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export function fromDbBool(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

export function toDbBool(value: boolean): number {
  // pg sends parameters as text, and '1'/'0' are valid boolean literals, so 0/1 suits both dialects.
  return value ? 1 : 0;
}
