import type { ScorecardResponse, WorkloadResponse } from './scorecard.schemas.ts';
import type { ScorecardResult } from './use-cases/compute-scorecard.ts';
import type { WorkloadResult } from './use-cases/workload.ts';

/** Use-case results as API payloads. */
export function scorecardResponse(r: ScorecardResult): ScorecardResponse {
  return {
    unit: r.scope.unit ? { code: r.scope.unit.code, name: r.scope.unit.name } : null,
    from: r.range.from,
    to: r.range.to,
    configVersion: r.card.configVersion,
    rule: r.rule,
    groups: r.card.groups.map((g) => ({
      group: g.group,
      maxPoints: g.maxPoints,
      points: g.points,
      indicators: g.indicators.map(({ group: _g, ...i }) => i),
    })),
    total: r.card.total,
    band: r.card.band,
    complete: r.card.complete,
    notSupplied: r.notSupplied as ScorecardResponse['notSupplied'],
  };
}

export function workloadResponse(r: WorkloadResult): WorkloadResponse {
  return {
    unit: r.scope.unit ? { code: r.scope.unit.code, name: r.scope.unit.name } : null,
    from: r.range.from,
    to: r.range.to,
    groupBy: r.groupBy,
    rows: r.rows,
    total: r.total,
  };
}
