import type { Role } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { CATALOGUE, type CatalogueEntry, type FlowTemplate } from './catalogue-data.ts';
import { limitInWorkingDays } from './procedure-rules.ts';
import { insertProcedureVersions, listNationalCodes, type NewProcedureVersion } from './procedures.repository.ts';
import type { SourceTag, WorkflowStep, WorkflowStepCode } from './procedures.schemas.ts';

/** The seeded catalogue applies from the day the two-level government and Decree 118/2025 took effect. */
export const CATALOGUE_EFFECTIVE_FROM = '2025-07-01';

const STEP_NAMES: Record<WorkflowStepCode, string> = {
  RECEIVE: 'Tiếp nhận hồ sơ',
  SPECIALIST: 'Thẩm định, xử lý hồ sơ',
  VERIFICATION: 'Xác minh, kiểm tra thực tế',
  PUBLIC_NOTICE: 'Niêm yết công khai',
  LEADER_APPROVAL: 'Lãnh đạo UBND phê duyệt, ký kết quả',
  INTER_AGENCY: 'Chuyển cơ quan có thẩm quyền giải quyết',
  RETURN: 'Trả kết quả',
};

const STEP_ROLES: Record<WorkflowStepCode, Role[]> = {
  RECEIVE: ['counter_officer'],
  SPECIALIST: ['field_specialist'],
  VERIFICATION: ['field_specialist'],
  PUBLIC_NOTICE: ['field_specialist', 'counter_officer'],
  LEADER_APPROVAL: ['unit_leader'],
  INTER_AGENCY: ['counter_officer', 'field_specialist'],
  RETURN: ['counter_officer'],
};

/**
 * The steps of each template, between reception and return. Same-day procedures skip a
 * separate leader step (issue 3 allows it; a commune that wants one adds it in a new
 * version). `forward` is for procedures another body decides: the commune PASC only
 * receives, forwards and returns (reception is boundary-free, domain.md §6.1).
 */
const MIDDLE_STEPS: Record<FlowTemplate, WorkflowStepCode[]> = {
  sameDay: ['SPECIALIST'],
  standard: ['SPECIALIST', 'LEADER_APPROVAL'],
  verified: ['SPECIALIST', 'VERIFICATION', 'LEADER_APPROVAL'],
  notice: ['SPECIALIST', 'PUBLIC_NOTICE', 'LEADER_APPROVAL'],
  forward: ['INTER_AGENCY'],
  linked: ['SPECIALIST', 'LEADER_APPROVAL', 'INTER_AGENCY'],
};

const half = (n: number) => Math.floor(n * 2) / 2;

/**
 * Spreads the time limit (in working days; a limit in calendar days holds about 5/7 as
 * many) over the middle steps: the leader gets 1 day (2 from 10 days up), verification or
 * public notice and forwarding get their share, the specialist the rest. A plan for
 * counting workload, not a legal split; same-day procedures plan no days.
 */
export function planStepDays(template: FlowTemplate, limitWd: number): Map<WorkflowStepCode, number> {
  const days = new Map<WorkflowStepCode, number>();
  if (limitWd <= 0) return days;
  const middle = MIDDLE_STEPS[template];
  if (template === 'forward') return days.set('INTER_AGENCY', limitWd);
  const leader = middle.includes('LEADER_APPROVAL') ? (limitWd >= 10 ? 2 : limitWd >= 2 ? 1 : half(limitWd / 2)) : 0;
  let rest = limitWd - leader;
  if (leader > 0) days.set('LEADER_APPROVAL', leader);
  for (const code of ['VERIFICATION', 'PUBLIC_NOTICE', 'INTER_AGENCY'] as const) {
    if (!middle.includes(code)) continue;
    const share = half(rest / 2);
    days.set(code, share);
    rest -= share;
  }
  days.set('SPECIALIST', rest);
  return days;
}

export function workflowFor(template: FlowTemplate, limitWd: number): WorkflowStep[] {
  const days = planStepDays(template, limitWd);
  const codes: WorkflowStepCode[] = ['RECEIVE', ...MIDDLE_STEPS[template], 'RETURN'];
  return codes.map((code) => {
    const d = days.get(code);
    return { code, name: STEP_NAMES[code], roles: [...STEP_ROLES[code]], ...(d === undefined ? {} : { workingDays: d }) };
  });
}

const RANK: Record<SourceTag, number> = { C: 0, S: 1, NC: 2 };

/** A row is only as certain as its least certain part. */
function weakest(...tags: SourceTag[]): SourceTag {
  return tags.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'C' as SourceTag);
}

function toVersion(provinceCode: string, e: CatalogueEntry, effectiveFrom: string): NewProcedureVersion {
  const [amount, unit] = e.limit;
  const limitWd = unit === 'CALENDAR_DAYS' ? Math.floor((amount * 5) / 7) : limitInWorkingDays(amount, unit);
  return {
    provinceCode,
    nationalCode: e.code,
    nameVi: e.vi,
    nameEn: e.en,
    field: e.field,
    competentLevel: e.level,
    timeLimitAmount: amount,
    timeLimitUnit: unit,
    timeLimitNote: e.limitNote ?? null,
    fee: e.fee,
    feeNote: e.feeNote ?? null,
    onlineLevel: e.online,
    paperResult: e.paper,
    essentialService: e.essential ?? false,
    requiredDocuments: e.docs.map(([nameVi, nameEn, copies, originalRequired]) => ({ nameVi, nameEn, copies, originalRequired })),
    workflow: workflowFor(e.flow, limitWd),
    sourceTag: weakest(e.src.code, e.src.limit, e.src.fee),
    sourceNote: `Mã: [${e.src.code}]; thời hạn: [${e.src.limit}]; phí: [${e.src.fee}]. ${e.src.note} Dữ liệu mẫu, chưa đối chiếu CSDL quốc gia về TTHC.`,
    effectiveFrom,
  };
}

/** The demo catalogue for a province, as rows; pure, so tests can check every row against the rules. */
export function buildCatalogue(provinceCode: string, effectiveFrom = CATALOGUE_EFFECTIVE_FROM): NewProcedureVersion[] {
  return CATALOGUE.map((e) => toVersion(provinceCode, e, effectiveFrom));
}

/**
 * Seeds the demo catalogue into a province. Deterministic (static data, the caller's
 * timestamp) and idempotent: a code already in the province's catalogue, in any version,
 * is left alone, so a second run inserts nothing and an edited procedure is not reset.
 * Writes no audit entry of its own: callers run it inside their audited transaction
 * (the demo seed's single 'demo.seed' entry).
 */
export async function seedProcedureCatalogue(db: Db, provinceCode: string, now: string): Promise<{ inserted: number; skipped: number }> {
  const existing = await listNationalCodes(db, provinceCode);
  const rows = buildCatalogue(provinceCode).filter((r) => !existing.has(r.nationalCode));
  await insertProcedureVersions(db, rows, now);
  return { inserted: rows.length, skipped: CATALOGUE.length - rows.length };
}
