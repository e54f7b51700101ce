import { CsrfField } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import type { Candidate, CandidateList, ClosedNeed, SuggestionList } from '../enrol-search.schemas.ts';
import { enrolmentStatusLabel } from '../execution.labels.ts';
import { holdsSeat } from '../execution.ts';

/**
 * The class page's enrolment aids: people found by name and people whose training needs the
 * course closes, each with their eligibility. Plain forms and links work without JavaScript;
 * htmx swaps the results in place (the search as one types, the suggestions on request).
 */

/** Can this person be ticked: eligible and without a seat in the class (a withdrawn one may come back). */
const canPick = (c: Pick<Candidate, 'eligible' | 'enrolment'>) => c.eligible && (c.enrolment === null || !holdsSeat(c.enrolment));

function Eligibility({ ctx, c }: { ctx: ViewContext; c: Pick<Candidate, 'eligible' | 'reasons' | 'enrolment'> }) {
  const { t } = ctx;
  if (c.enrolment !== null && holdsSeat(c.enrolment))
    return <>{t('trainingEnrol.inClass', { status: enrolmentStatusLabel(t, c.enrolment) })}</>;
  if (c.eligible) return <>{t('trainingEnrol.eligible')}</>;
  return <>{t('trainingEnrol.notEligible', { reasons: c.reasons.join('; ') })}</>;
}

/** The search form; without JavaScript it reloads the class page with `q`. */
export function CandidateSearchForm({ ctx, classId, q }: { ctx: ViewContext; classId: number; q: string | undefined }) {
  const { t } = ctx;
  return (
    <form method="get" action={`/training/classes/${classId}#enrol`}>
      <label for="cand-q">{t('trainingEnrol.searchLabel')}</label>{' '}
      <input
        id="cand-q"
        type="search"
        name="q"
        value={q ?? ''}
        maxlength={100}
        autocomplete="off"
        aria-describedby="cand-q-hint"
        hx-get={`/training/classes/${classId}/candidates`}
        hx-trigger="input changed delay:400ms, search"
        hx-target="#candidates"
        hx-swap="outerHTML"
      />{' '}
      <button type="submit">{t('trainingEnrol.searchSubmit')}</button>
      <p id="cand-q-hint" class="hint">
        {t('trainingEnrol.searchHint')}
      </p>
    </form>
  );
}

/** The people found by name (an empty placeholder before a search, so htmx has a target). */
export function CandidateResults({
  ctx,
  classId,
  q,
  list,
  canManage,
}: {
  ctx: ViewContext;
  classId: number;
  q: string | undefined;
  list: CandidateList | null;
  canManage: boolean;
}) {
  const { t } = ctx;
  if (!list || q === undefined) return <div id="candidates" />;
  if (list.items.length === 0)
    return (
      <div id="candidates">
        <p role="status">{t('trainingEnrol.noMatch', { q })}</p>
      </div>
    );
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (p: number) => `/training/classes/${classId}?q=${encodeURIComponent(q)}&cpage=${p}#enrol`;
  const table = (
    <table>
      <caption>{t('trainingEnrol.resultsCaption', { total: list.total, page: list.page, pages })}</caption>
      <thead>
        <tr>
          {canManage && <th scope="col">{t('trainingEnrol.col.choose')}</th>}
          <th scope="col">{t('trainingEnrol.col.name')}</th>
          <th scope="col">{t('trainingEnrol.col.unit')}</th>
          <th scope="col">{t('trainingEnrol.col.title')}</th>
          <th scope="col">{t('trainingEnrol.col.eligibility')}</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((c) => (
          <tr>
            {canManage && (
              <td>
                <input type="checkbox" id={`cand-${c.staffId}`} name="staffIds" value={String(c.staffId)} disabled={!canPick(c)} />
              </td>
            )}
            <th scope="row">{canManage ? <label for={`cand-${c.staffId}`}>{c.fullName}</label> : c.fullName}</th>
            <td>{c.unitName}</td>
            <td>{c.currentTitle ?? '—'}</td>
            <td>
              <Eligibility ctx={ctx} c={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const pager = pages > 1 && (
    <nav class="pager" aria-label={t('trainingEnrol.resultPages')}>
      {list.page > 1 && (
        <a href={href(list.page - 1)} rel="prev">
          {t('trainingEnrol.previous')}
        </a>
      )}
      <span>{t('trainingExec.detail.peoplePage', { page: list.page, pages })}</span>
      {list.page < pages && (
        <a href={href(list.page + 1)} rel="next">
          {t('trainingEnrol.next')}
        </a>
      )}
    </nav>
  );
  return (
    <div id="candidates">
      {canManage ? (
        <form method="post" action={`/training/classes/${classId}/enrol`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="q" value={q} />
          {table}
          <button type="submit">{t('trainingEnrol.enrolChosen')}</button>
        </form>
      ) : (
        table
      )}
      {pager}
    </div>
  );
}

function needText(ctx: ViewContext, n: ClosedNeed): string {
  const { t, locale } = ctx;
  if (n.kind === 'MANDATORY') return t('trainingEnrol.needMandatory', { code: n.courseCode ?? '' });
  const name = (locale === 'vi' ? n.competencyNameVi : n.competencyNameEn) ?? n.competencyCode ?? '';
  return n.assessed === null
    ? t('trainingEnrol.needNotAssessed', { name, required: n.required ?? '' })
    : t('trainingEnrol.needCompetency', { name, assessed: n.assessed, required: n.required ?? '' });
}

/** The suggestions from training needs, or the link that asks for them (they weigh every need in scope). */
export function SuggestionResults({
  ctx,
  classId,
  list,
  canManage,
}: {
  ctx: ViewContext;
  classId: number;
  list: SuggestionList | null;
  canManage: boolean;
}) {
  const { t, locale } = ctx;
  if (!list)
    return (
      <div id="suggestions">
        <p>
          <a
            href={`/training/classes/${classId}?suggest=1#suggest`}
            hx-get={`/training/classes/${classId}/suggestions`}
            hx-target="#suggestions"
            hx-swap="outerHTML"
          >
            {t('trainingEnrol.suggestOpen')}
          </a>
        </p>
      </div>
    );
  if (list.items.length === 0)
    return (
      <div id="suggestions">
        <p role="status">{t('trainingEnrol.suggestNone')}</p>
      </div>
    );
  const table = (
    <table>
      <caption>{t('trainingEnrol.suggestCaption', { shown: list.items.length, total: list.total, date: formatDate(list.asOf) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trainingEnrol.col.name')}</th>
          <th scope="col">{t('trainingEnrol.col.unit')}</th>
          <th scope="col">{t('trainingEnrol.col.needs')}</th>
          <th scope="col">{t('trainingEnrol.col.weight')}</th>
          <th scope="col">{t('trainingEnrol.col.eligibility')}</th>
          {canManage && <th scope="col">{t('trainingEnrol.col.action')}</th>}
        </tr>
      </thead>
      <tbody>
        {list.items.map((s) => (
          <tr>
            <th scope="row">{s.fullName}</th>
            <td>{s.unitName}</td>
            <td>{s.needs.map((n) => needText(ctx, n)).join('; ')}</td>
            <td class="num">{formatNumber(s.weight, locale, 2)}</td>
            <td>
              <Eligibility ctx={ctx} c={s} />
            </td>
            {canManage && (
              <td>
                {canPick(s) && (
                  <button
                    type="submit"
                    name="staffIds"
                    value={String(s.staffId)}
                    aria-label={t('trainingEnrol.enrolWho', { name: s.fullName })}
                  >
                    {t('trainingEnrol.enrolOne')}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div id="suggestions">
      {canManage ? (
        <form method="post" action={`/training/classes/${classId}/enrol`}>
          <CsrfField ctx={ctx} />
          {table}
        </form>
      ) : (
        table
      )}
    </div>
  );
}
