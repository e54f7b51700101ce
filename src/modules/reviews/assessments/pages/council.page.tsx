import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { REVIEW_RATINGS } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import type { AssessmentSheet, CampaignResults } from '../assessments.schemas.ts';
import { type FormValues, fieldId, type ReviewConfigs } from './assessment-forms.ts';
import {
  type CompetencyInfo,
  competencyName,
  EvaluationResult,
  type FormError,
  InputField,
  Notice,
  outcomeLabel,
  ProblemSummary,
  problemText,
  ratingLabel,
  ScreeningResult,
  SelectField,
  SheetHeader,
  TextAreaField,
} from './assessment-parts.tsx';
import { fieldLabeller } from './self-assessment.page.tsx';

export type CouncilView = {
  sheet: AssessmentSheet;
  info: CompetencyInfo;
  configs: ReviewConfigs;
  editable: boolean;
  values: FormValues;
  error: FormError;
  notice: string | null;
  period: { from: string; to: string } | null;
};

/** The council's screen for one participant: levels of every step, the final rating with its note, and the Decree 178 screening with its rule trace. */
export function CouncilPage({ ctx, view }: { ctx: ViewContext; view: CouncilView }) {
  const { t } = ctx;
  const { sheet, values, editable, configs } = view;
  const problems = view.error?.problems ?? [];
  const disabled = !editable;
  const common = { ctx, values, problems, disabled };
  const title = t('assess.council.title', { name: sheet.participant.fullName });
  const action = `/reviews/campaigns/${sheet.campaign.id}/participants/${sheet.participant.id}/council`;
  const withEvaluation = sheet.campaign.instruments.includes('ANNUAL_EVALUATION');
  const withScreening = sheet.campaign.instruments.includes('SCREENING_178');
  const criterion = (c: { nameVi: string; nameEn: string }) => (ctx.locale === 'vi' ? c.nameVi : c.nameEn);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/reviews/campaigns/${sheet.campaign.id}/council`}>{t('assess.link.councilList', { campaign: sheet.campaign.name })}</a>
      </p>
      <h1>{title}</h1>
      <SheetHeader ctx={ctx} sheet={sheet} period={view.period} />
      <Notice text={view.notice} />
      {!editable && <p class="alert">{t('assess.council.readOnly')}</p>}
      <ProblemSummary ctx={ctx} error={view.error} labelOf={fieldLabeller(ctx, sheet, view.info, configs)} />
      <p>{t('assess.council.intro')}</p>
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        {/* The sheet version this form shows: a save after someone else's answers 409 instead of overwriting it. */}
        <input type="hidden" name="version" value={values.version ?? ''} />
        {sheet.competencies.length === 0 ? (
          <p>{t('assess.competencies.none')}</p>
        ) : (
          <table>
            <caption>{t('assess.council.levels')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assess.col.competency')}</th>
                <th scope="col" class="num">
                  {t('assess.col.required')}
                </th>
                <th scope="col" class="num">
                  {t('assess.col.self')}
                </th>
                <th scope="col" class="num">
                  {t('assess.col.supervisor')}
                </th>
                <th scope="col">{t('assess.col.council')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.competencies.map((line) => {
                const name = competencyName(view.info, line.competencyCode);
                const f = `level.${line.competencyCode}`;
                const id = fieldId(f);
                const mine = problems.filter((p) => p.field === f);
                return (
                  <tr>
                    <th scope="row">
                      {name} <code>{line.competencyCode}</code>
                    </th>
                    <td class="num">{line.requiredLevel ?? '—'}</td>
                    <td class="num">{line.selfLevel ?? '—'}</td>
                    <td class="num">{line.supervisorLevel ?? '—'}</td>
                    <td>
                      <select
                        id={id}
                        name={f}
                        disabled={disabled}
                        aria-label={t('assess.council.level', { name })}
                        aria-invalid={mine.length > 0 ? 'true' : undefined}
                      >
                        <option value="">—</option>
                        {[
                          '1',
                          '2',
                          '3',
                          '4',
                          '5',
                          ...(['', '1', '2', '3', '4', '5'].includes(values[f] ?? '') ? [] : [values[f] ?? '']),
                        ].map((n) => (
                          <option value={n} selected={(values[f] ?? '') === n}>
                            {n}
                          </option>
                        ))}
                      </select>
                      {mine.length > 0 && <strong> {mine.map((p) => problemText(t, p)).join(' ')}</strong>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {withEvaluation && (
          <fieldset>
            <legend>{t('assess.rating.legend')}</legend>
            <p>{t('assess.rating.computed', { rating: ratingLabel(t, sheet.evaluation?.rating ?? null) })}</p>
            <SelectField
              {...common}
              name="rating"
              label={t('assess.rating.final')}
              blank={t('assess.rating.undecided')}
              options={REVIEW_RATINGS.map((r) => ({ value: r, label: ratingLabel(t, r) }))}
            />
            <TextAreaField {...common} name="note" label={t('assess.rating.note')} />
          </fieldset>
        )}
        {withScreening && (
          <fieldset>
            <legend>{t('assess.screening.legend')}</legend>
            <p>{t('assess.screening.intro')}</p>
            {configs.screening178.criteria.map((c) =>
              c.source === 'INPUT' ? (
                <div>
                  <InputField
                    {...common}
                    name={`crit.${c.code}`}
                    label={t('assess.screening.criterion', { name: criterion(c), weight: c.weight })}
                    numeric
                  />
                  <SelectField
                    {...common}
                    name={`crit.${c.code}.unit`}
                    label={t('assess.screening.unit', { name: criterion(c) })}
                    options={[
                      { value: 'percent', label: t('assess.screening.percent') },
                      { value: 'points', label: t('assess.screening.points') },
                    ]}
                  />
                </div>
              ) : (
                <p>{t('assess.screening.auto', { name: criterion(c), weight: c.weight })}</p>
              ),
            )}
          </fieldset>
        )}
        {editable && <button type="submit">{t('assess.council.submit')}</button>}
      </form>
      {withEvaluation && <EvaluationResult ctx={ctx} evaluation={sheet.evaluation} />}
      {withScreening && (
        <section aria-labelledby="screening">
          <h2 id="screening">{t('assess.screening.legend')}</h2>
          <ScreeningResult ctx={ctx} screening={sheet.screening} />
        </section>
      )}
    </Layout>
  );
}

export type CouncilListView = { results: CampaignResults; agencyNames: Map<string, string> };

/** The council's list: every participant in reach with computed and final rating, screening, gaps, and the excellent-quota flags. */
export function CouncilListPage({ ctx, view }: { ctx: ViewContext; view: CouncilListView }) {
  const { t } = ctx;
  const r = view.results;
  const title = t('assess.clist.title', { name: r.campaign.name });
  const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
  const base = `/reviews/campaigns/${r.campaign.id}/council`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/reviews/mine">{t('assess.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {r.campaign.year} · {t(`reviews.regime.${r.campaign.regime}`)}
      </p>
      {r.quotaViolated && (
        <p class="alert error" role="status">
          <strong>{t('assess.quota.violated')}</strong>
        </p>
      )}
      {r.items.length === 0 ? (
        <p>{t('assess.clist.none')}</p>
      ) : (
        <table>
          <caption>{t('assess.clist.caption', { n: r.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assess.col.person')}</th>
              <th scope="col">{t('assess.col.unit')}</th>
              <th scope="col">{t('assess.col.final')}</th>
              <th scope="col">{t('assess.col.screening')}</th>
              <th scope="col" class="num">
                {t('assess.col.gaps')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((p) => {
              const flagged = r.excellentQuota.some((q) => q.violates && q.affectedParticipantIds.includes(p.participantId));
              return (
                <tr>
                  <th scope="row">
                    <a href={`/reviews/campaigns/${r.campaign.id}/participants/${p.participantId}/council`}>{p.fullName}</a>
                  </th>
                  <td>{p.unitName}</td>
                  <td>
                    {ratingLabel(t, p.finalRating)}
                    {p.score !== null ? ` (${p.score})` : ''}
                    {flagged ? ` — ${t('assess.quota.flagged')}` : ''}
                  </td>
                  <td>{outcomeLabel(t, p.screeningOutcome)}</td>
                  <td class="num">{p.gapCount}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('assess.pager', { page: r.page, pages })}>
          {r.page > 1 && <a href={`${base}?page=${r.page - 1}`}>{t('assess.pager.prev')}</a>}
          <span>{t('assess.pager', { page: r.page, pages })}</span>
          {r.page < pages && <a href={`${base}?page=${r.page + 1}`}>{t('assess.pager.next')}</a>}
        </nav>
      )}
      {r.excellentQuota.length === 0 ? (
        <p>{t('assess.quota.none')}</p>
      ) : (
        <table>
          <caption>{t('assess.quota.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assess.col.group')}</th>
              <th scope="col" class="num">
                {t('assess.col.good')}
              </th>
              <th scope="col" class="num">
                {t('assess.col.excellent')}
              </th>
              <th scope="col" class="num">
                {t('assess.col.allowed')}
              </th>
              <th scope="col">{t('assess.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.excellentQuota.map((q) => (
              <tr>
                <th scope="row">
                  {t('assess.quota.group', { agency: view.agencyNames.get(q.key) ?? q.key, group: q.positionGroup ?? '—' })}
                </th>
                <td class="num">{q.goodCount}</td>
                <td class="num">{q.excellentCount}</td>
                <td class="num">{q.allowedExcellent}</td>
                <td>{q.violates ? <strong>{t('assess.quota.over', { excess: q.excess })}</strong> : t('assess.quota.ok')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
