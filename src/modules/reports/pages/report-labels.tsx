import type { Translate } from '../../../platform/i18n/index.ts';
import type { ReportView } from '../reports.schemas.ts';

/** "Tháng 2/2026" / "Quý 1/2026". */
export function periodLabel(t: Translate, r: Pick<ReportView, 'kind' | 'year' | 'month' | 'quarter'>): string {
  return t(r.kind === 'MONTH' ? 'reports.period.MONTH' : 'reports.period.QUARTER', {
    n: (r.kind === 'MONTH' ? r.month : r.quarter) ?? 0,
    year: r.year,
  });
}

export function scopeLabel(t: Translate, r: Pick<ReportView, 'unit'>): string {
  return r.unit ? r.unit.name : t('reports.scope.province');
}

export function statusLabel(t: Translate, status: ReportView['status']): string {
  return t(`reports.status.${status}`);
}
