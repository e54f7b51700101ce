import type { Locale, Translate } from '../../platform/i18n/index.ts';
import { renderExplanation } from './explain.ts';
import { MAX_ENTRIES_SHOWN, type ScorecardResponse, type WorkloadResponse } from './scorecard.schemas.ts';
import type { SuppliedIndicator } from './supplied/supplied-counts.ts';
import { entryView } from './supplied/use-cases/supplied.ts';
import type { ScorecardResult } from './use-cases/compute-scorecard.ts';
import type { WorkloadResult } from './use-cases/workload.ts';

/** Use-case results as API payloads; explanations are rendered in the reader's language. */
export function scorecardResponse(r: ScorecardResult, t: Translate, locale: Locale): ScorecardResponse {
  const suppliedOf = (code: string) => {
    const f = r.supplied[code as SuppliedIndicator];
    return f ? { level: f.level, entryCount: f.entries.length, entries: f.entries.slice(0, MAX_ENTRIES_SHOWN).map(entryView) } : null;
  };
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
      indicators: g.indicators.map(({ group: _g, explanation, ...i }) => ({
        ...i,
        explanation: renderExplanation(t, locale, explanation),
        supplied: suppliedOf(i.code),
      })),
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
