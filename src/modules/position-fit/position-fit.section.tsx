import type { ViewContext } from '../../platform/html/view-context.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { hasMessage } from '../../platform/i18n/index.ts';
import { formatDate, formatNumber } from '../../platform/time/format.ts';
import { educationLabel } from '../positions/positions.labels.ts';
import { rankLabel } from '../staff/staff.labels.ts';
import type { PositionFitView, ServiceEvidenceView } from './position-fit.schemas.ts';

/**
 * A person's fit to position and service evidence, as a section for the staff profile page
 * (the lead places it). Meaning is always in text (Met / Not met, the status words), never in
 * colour alone; every table has a caption and header cells.
 */

const key = (k: string): MessageKey => (hasMessage(k) ? k : ('fit.check.UNKNOWN' as MessageKey));

export function checkLabel(t: Translate, status: string): string {
  return t(key(`fit.check.${status}`));
}

export function fitStatusLabel(t: Translate, status: string): string {
  return t(key(`fit.status.${status}`));
}

export function meetsLabel(t: Translate, meets: boolean | null): string {
  return meets === true ? t('fit.meets.yes') : meets === false ? t('fit.meets.no') : t('fit.meets.unknown');
}

type Assessed = PositionFitView['competencies'][number]['assessed'];

export function sourceLabel(t: Translate, a: Assessed): string {
  if (!a) return t('fit.notAssessed');
  if (a.source === 'TEST') return t('fit.source.test', { name: a.testName ?? '', date: formatDate(a.on) });
  if (a.source === 'TRAINING')
    return t('fit.source.training', { course: a.courseName ?? '', class: a.classCode ?? '', date: formatDate(a.on), level: a.level });
  return t('fit.source.campaign', {
    name: a.campaignName ?? '',
    date: formatDate(a.on),
    stage: a.stage ? t(key(`fit.stage.${a.stage}`)) : '',
  });
}

export function reasonText(t: Translate, r: PositionFitView['reasons'][number]): string {
  return t(key(`fit.reason.${r.code}`), { subject: r.subject ?? '', required: r.required ?? '', actual: r.actual ?? '' });
}

const pct = (v: number | null, locale: string) => (v === null ? null : `${formatNumber(v * 100, locale, 1)} %`);

function EvidenceTable({ ctx, evidence }: { ctx: ViewContext; evidence: ServiceEvidenceView }) {
  const { t, locale } = ctx;
  const f = evidence.figures;
  if (evidence.status === 'NO_DATA' || !f) {
    return <p>{t(key(`fit.evidence.noData.${evidence.reason ?? 'NO_DOSSIERS'}`))}</p>;
  }
  const rating =
    f.ratings.average === null
      ? t('fit.evidence.noRatings')
      : t('fit.evidence.ratingValue', { avg: formatNumber(f.ratings.average, locale, 2), max: f.ratings.scaleMax, n: f.ratings.count });
  const rows: [string, string][] = [
    [t('fit.evidence.received'), formatNumber(f.received, locale)],
    [t('fit.evidence.handled'), formatNumber(f.handled, locale)],
    [t('fit.evidence.finished'), formatNumber(f.finished, locale)],
    [t('fit.evidence.onTime'), pct(f.onTimeShare, locale) ?? t('fit.evidence.notApplicable')],
    [t('fit.evidence.overdueOpen'), formatNumber(f.overdueOpen, locale)],
    [t('fit.evidence.rating'), rating],
  ];
  return (
    <>
      <table>
        <caption>{t('fit.evidence.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fit.evidence.metric')}</th>
            <th scope="col" class="num">
              {t('fit.evidence.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('fit.evidence.onTimeNote')}</p>
    </>
  );
}

export function PositionFitSection({ ctx, fit, evidence }: { ctx: ViewContext; fit: PositionFitView; evidence: ServiceEvidenceView }) {
  const { t, locale } = ctx;
  const p = fit.position;
  const name = (c: PositionFitView['competencies'][number]) => (locale === 'vi' ? c.nameVi : (c.nameEn ?? c.nameVi)) ?? c.competencyCode;
  return (
    <section aria-labelledby="position-fit">
      <h2 id="position-fit">{t('fit.title')}</h2>
      {!p ? (
        <p>{t('fit.position.none')}</p>
      ) : (
        <>
          <p>
            {t('fit.position')}: <code>{p.code}</code> {locale === 'vi' ? p.nameVi : p.nameEn} ·{' '}
            {t('fit.position.since', { date: formatDate(p.startDate) })}
          </p>
          <dl class="kv">
            <div>
              <dt>{t('fit.meets')}</dt>
              <dd>
                <strong>{meetsLabel(t, fit.meetsPosition)}</strong> — {fitStatusLabel(t, fit.status)}
              </dd>
            </div>
            {fit.graceDeadline && fit.status !== 'MEETS' && (
              <div>
                <dt>{t('fit.col.deadline')}</dt>
                <dd>{t('fit.deadline', { date: formatDate(fit.graceDeadline), months: fit.graceRule.graceMonths })}</dd>
              </div>
            )}
          </dl>
          {fit.reasons.length > 0 && (
            <>
              <h3>{t('fit.reasons')}</h3>
              <ul>
                {fit.reasons.map((r) => (
                  <li>{reasonText(t, r)}</li>
                ))}
              </ul>
            </>
          )}
          {fit.competencies.length === 0 ? (
            <p>{t('fit.competencies.none')}</p>
          ) : (
            <table>
              <caption>{t('fit.competencies.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fit.col.competency')}</th>
                  <th scope="col" class="num">
                    {t('fit.col.required')}
                  </th>
                  <th scope="col" class="num">
                    {t('fit.col.assessed')}
                  </th>
                  <th scope="col" class="num">
                    {t('fit.col.gap')}
                  </th>
                  <th scope="col">{t('fit.col.source')}</th>
                </tr>
              </thead>
              <tbody>
                {fit.competencies.map((c) => (
                  <tr>
                    <th scope="row">
                      <code>{c.competencyCode}</code> {name(c)}
                    </th>
                    <td class="num">{c.required}</td>
                    <td class="num">{c.assessed ? c.assessed.level : t('fit.notAssessed')}</td>
                    <td class="num">{c.gap === null ? t('fit.gapUnknown') : c.gap > 0 ? <strong>{c.gap}</strong> : c.gap}</td>
                    <td>{sourceLabel(t, c.assessed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <table>
            <caption>{t('fit.standards.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fit.col.criterion')}</th>
                <th scope="col">{t('fit.col.requiredValue')}</th>
                <th scope="col">{t('fit.col.actual')}</th>
                <th scope="col">{t('fit.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('fit.criterion.rank')}</th>
                <td>{fit.rank.required ? rankLabel(t, fit.rank.required) : '—'}</td>
                <td>{fit.rank.actual ? rankLabel(t, fit.rank.actual) : '—'}</td>
                <td>{checkLabel(t, fit.rank.status)}</td>
              </tr>
              <tr>
                <th scope="row">{t('fit.criterion.education')}</th>
                <td>{fit.education.required ? educationLabel(t, fit.education.required) : '—'}</td>
                <td>{fit.education.actual ? educationLabel(t, fit.education.actual) : '—'}</td>
                <td>{checkLabel(t, fit.education.status)}</td>
              </tr>
              <tr>
                <th scope="row">{t('fit.criterion.field')}</th>
                <td>{fit.qualificationField.required ?? '—'}</td>
                <td>{fit.qualificationField.actual ?? '—'}</td>
                <td>{checkLabel(t, fit.qualificationField.status)}</td>
              </tr>
            </tbody>
          </table>
          <p class="muted">{t('fit.graceSource', { note: fit.graceRule.sourceNote })}</p>
        </>
      )}
      <h3>{t('fit.evidence.title', { from: formatDate(evidence.from), to: formatDate(evidence.to) })}</h3>
      <EvidenceTable ctx={ctx} evidence={evidence} />
    </section>
  );
}
