import type { AppError } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { modeLabel } from '../../training.labels.ts';
import type { CandidateList, SuggestionList } from '../enrol-search.schemas.ts';
import { classStatusLabel, enrolmentStatusLabel } from '../execution.labels.ts';
import type { ClassDetail, EnrolmentView, EnrolResult } from '../execution.schemas.ts';
import { CLASS_STATUSES, canChangeStatus, canEnrol, canRecordResults, canWithdraw, holdsSeat, OUTCOMES } from '../execution.ts';
import { ATTENDANCE_WINDOW } from '../execution-forms.ts';
import { ErrorAlert } from './class-form.page.tsx';
import { CandidateResults, CandidateSearchForm, SuggestionResults } from './enrol-search.tsx';

export type ClassDetailView = {
  klass: ClassDetail;
  canManage: boolean;
  /** First session day of the attendance grid shown. */
  from: number;
  /** The page of participants shown in every section (a class can hold hundreds). */
  page: number;
  /** All participants the reader sees (the class's `enrolments` holds only this page). */
  total: number;
  saved: boolean;
  error?: AppError | null;
  enrolResult?: EnrolResult | null;
  /** Names of the people an enrolment report mentions. */
  names?: ReadonlyMap<number, string>;
  /** The name searched for and the people found (null: no search yet). */
  q?: string | undefined;
  candidates?: CandidateList | null;
  /** People whose training needs the course closes (null: not asked for). */
  suggestions?: SuggestionList | null;
};

function Details({ ctx, c }: { ctx: ViewContext; c: ClassDetail }) {
  const { t, locale } = ctx;
  const rows: [string, string][] = [
    [t('trainingExec.col.course'), `${c.courseCode} – ${locale === 'vi' ? c.courseNameVi : c.courseNameEn}`],
    [t('trainingExec.col.status'), classStatusLabel(t, c.status)],
    [t('trainingExec.col.dates'), `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`],
    [t('trainingExec.field.sessionDays'), String(c.sessionDays)],
    [t('trainingExec.field.provider'), c.provider],
    [t('trainingExec.field.organisingUnitId'), c.organisingUnitName ?? '—'],
    [t('trainingExec.field.location'), c.location ?? '—'],
    [t('trainingExec.field.mode'), modeLabel(t, c.mode)],
    [t('trainingExec.col.seats'), `${c.seatsTaken} / ${c.capacity}`],
    [t('trainingExec.col.completed'), String(c.completed)],
    [t('trainingExec.detail.raises'), c.competencies.map((x) => `${x.competencyCode} → ${x.raisesToLevel}`).join(', ') || '—'],
  ];
  if (c.planClassId !== null) rows.push([t('trainingExec.field.planClassId'), String(c.planClassId)]);
  return (
    <dl class="kv">
      {rows.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusForm({ ctx, c }: { ctx: ViewContext; c: ClassDetail }) {
  const { t } = ctx;
  const next = CLASS_STATUSES.filter((s) => s !== c.status && s !== 'COMPLETED' && canChangeStatus(c.status, s));
  if (next.length === 0) return null;
  return (
    <form method="post" action={`/training/classes/${c.id}/status`}>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="version" value={String(c.version)} />
      <label for="class-status">{t('trainingExec.detail.changeStatus')}</label>
      <select id="class-status" name="status">
        {next.map((s) => (
          <option value={s}>{classStatusLabel(t, s)}</option>
        ))}
      </select>
      <button type="submit">{t('trainingExec.detail.apply')}</button>
    </form>
  );
}

function result(ctx: ViewContext, e: EnrolmentView): string {
  const parts = [e.score === null ? '' : formatNumber(e.score, ctx.locale, 2), e.grade ?? '', e.certificateNo ?? ''].filter(Boolean);
  return parts.join(' · ') || '—';
}

function Participants({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const c = view.klass;
  if (c.enrolments.length === 0) return <p>{t('trainingExec.detail.noParticipants')}</p>;
  return (
    <table>
      <caption>{t('trainingExec.detail.participants')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trainingExec.col.person')}</th>
          <th scope="col">{t('trainingExec.col.unit')}</th>
          <th scope="col">{t('trainingExec.col.status')}</th>
          <th scope="col">{t('trainingExec.col.result')}</th>
          <th scope="col">{t('trainingExec.col.completedOn')}</th>
          {view.canManage && <th scope="col">{t('trainingExec.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {c.enrolments.map((e) => (
          <tr>
            <th scope="row">
              <a href={`/staff/${e.staffId}`}>{e.fullName}</a>
            </th>
            <td>{e.unitName}</td>
            <td>{enrolmentStatusLabel(t, e.status)}</td>
            <td>{result(ctx, e)}</td>
            <td>{formatDate(e.completedOn) || '—'}</td>
            {view.canManage && (
              <td>
                {canWithdraw(e.status) && (
                  <form method="post" action={`/training/classes/${c.id}/enrolments/${e.id}/withdraw`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" aria-label={t('trainingExec.detail.withdrawWho', { name: e.fullName })}>
                      {t('trainingExec.detail.withdraw')}
                    </button>
                  </form>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EnrolReport({ ctx, r, names }: { ctx: ViewContext; r: EnrolResult; names: ReadonlyMap<number, string> }) {
  const { t } = ctx;
  const who = (id: number) => names.get(id);
  const enrolledNames = r.enrolled.map((x) => who(x.staffId)).filter((n): n is string => n !== undefined);
  return (
    <div role="status">
      <p>{t('trainingExec.detail.enrolled', { n: r.enrolled.length, seats: r.seatsTaken, capacity: r.capacity })}</p>
      {enrolledNames.length > 0 && <p>{t('trainingEnrol.enrolledNames', { names: enrolledNames.join(', ') })}</p>}
      {r.refused.length > 0 && (
        <ul>
          {r.refused.map((x) => {
            const name = who(x.staffId);
            return (
              <li>
                {name === undefined
                  ? t('trainingExec.detail.refusedRow', { id: x.staffId, message: x.message })
                  : t('trainingEnrol.refusedNamed', { name, message: x.message })}
                {x.reasons.length > 0 && `: ${x.reasons.join('; ')}`}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/**
 * Finding people to enrol: by name (eligibility per person, tick and enrol), from the training
 * needs the course closes (one click each), or by record numbers for a list prepared elsewhere.
 * Readers without the right to enrol see who is eligible.
 */
function EnrolSection({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const c = view.klass;
  const r = view.enrolResult;
  return (
    <section aria-labelledby="enrol">
      <h2 id="enrol">{view.canManage ? t('trainingExec.detail.enrol') : t('trainingEnrol.findTitle')}</h2>
      {r && <EnrolReport ctx={ctx} r={r} names={view.names ?? new Map()} />}
      <CandidateSearchForm ctx={ctx} classId={c.id} q={view.q} />
      <CandidateResults ctx={ctx} classId={c.id} q={view.q} list={view.candidates ?? null} canManage={view.canManage} />
      <h3 id="suggest">{t('trainingEnrol.suggestTitle')}</h3>
      <p>{t('trainingEnrol.suggestExplain')}</p>
      <SuggestionResults ctx={ctx} classId={c.id} list={view.suggestions ?? null} canManage={view.canManage} />
      {view.canManage && (
        <details>
          <summary>{t('trainingEnrol.byIds')}</summary>
          <form method="post" action={`/training/classes/${c.id}/enrol`}>
            <CsrfField ctx={ctx} />
            <label for="enrol-staff">{t('trainingExec.detail.staffIds')}</label>
            <textarea id="enrol-staff" name="staffIds" rows={3} cols={40} />
            <button type="submit">{t('trainingExec.detail.enrolSubmit')}</button>
          </form>
        </details>
      )}
    </section>
  );
}

function AttendanceSection({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const c = view.klass;
  const seated = c.enrolments.filter((e) => holdsSeat(e.status));
  const last = Math.min(c.sessionDays, view.from + ATTENDANCE_WINDOW - 1);
  const days = Array.from({ length: last - view.from + 1 }, (_, i) => view.from + i);
  const editable = view.canManage && canRecordResults(c.status);
  const cell = (e: EnrolmentView, d: number) => {
    const mark = e.presentDays.includes(d) ? 'present' : e.absentDays.includes(d) ? 'absent' : 'none';
    if (!editable) return t(`trainingExec.attendance.${mark}`);
    const key = `${e.id}:${d}`;
    return <input type="checkbox" name="present" value={key} checked={mark === 'present'} aria-labelledby={`a${e.id} ad${d}`} />;
  };
  const grid = (
    <table>
      <caption>{t('trainingExec.attendance.caption', { from: view.from, to: last, total: c.sessionDays })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trainingExec.col.person')}</th>
          {days.map((d) => (
            <th scope="col" id={`ad${d}`}>
              {t('trainingExec.attendance.day', { n: d })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {seated.map((e) => (
          <tr>
            <th scope="row" id={`a${e.id}`}>
              {e.fullName}
            </th>
            {days.map((d) => (
              <td>{cell(e, d)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section aria-labelledby="attendance">
      <h2 id="attendance">{t('trainingExec.attendance.title')}</h2>
      {seated.length === 0 ? (
        <p>{t('trainingExec.detail.noParticipants')}</p>
      ) : editable ? (
        <form method="post" action={`/training/classes/${c.id}/attendance?from=${view.from}&page=${view.page}`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="enrolments" value={seated.map((e) => e.id).join(',')} />
          <input type="hidden" name="days" value={`${view.from}-${last}`} />
          {grid}
          <button type="submit">{t('trainingExec.attendance.save')}</button>
        </form>
      ) : (
        grid
      )}
      <p>
        {view.from > 1 && (
          <a href={`/training/classes/${c.id}?from=${Math.max(1, view.from - ATTENDANCE_WINDOW)}&page=${view.page}#attendance`}>
            {t('trainingExec.attendance.previous')}
          </a>
        )}{' '}
        {last < c.sessionDays && (
          <a href={`/training/classes/${c.id}?from=${last + 1}&page=${view.page}#attendance`}>{t('trainingExec.attendance.next')}</a>
        )}
      </p>
    </section>
  );
}

function CompleteSection({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const c = view.klass;
  const seated = c.enrolments.filter((e) => holdsSeat(e.status));
  if (seated.length === 0) return null;
  return (
    <section aria-labelledby="complete">
      <h2 id="complete">{t('trainingExec.complete.title')}</h2>
      <p>{t('trainingExec.complete.explain')}</p>
      <form method="post" action={`/training/classes/${c.id}/complete`}>
        <CsrfField ctx={ctx} />
        <label for="completed-on">{t('trainingExec.field.completedOn')}</label>
        <input id="completed-on" type="date" name="completedOn" value={c.endDate} />
        <table>
          <caption>{t('trainingExec.complete.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainingExec.col.person')}</th>
              <th scope="col" id="ro">
                {t('trainingExec.col.outcome')}
              </th>
              <th scope="col" id="rs">
                {t('trainingExec.col.score')}
              </th>
              <th scope="col" id="rg">
                {t('trainingExec.col.grade')}
              </th>
              <th scope="col" id="rc">
                {t('trainingExec.col.certificate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {seated.map((e) => (
              <tr>
                <th scope="row" id={`r${e.id}`}>
                  {e.fullName}
                </th>
                <td>
                  <select name={`outcome.${e.id}`} aria-labelledby={`r${e.id} ro`}>
                    <option value="">{t('trainingExec.complete.unchanged')}</option>
                    {OUTCOMES.map((o) => (
                      <option value={o} selected={e.status === o}>
                        {enrolmentStatusLabel(t, o)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`score.${e.id}`}
                    inputmode="decimal"
                    size={5}
                    value={e.score === null ? '' : String(e.score)}
                    aria-labelledby={`r${e.id} rs`}
                  />
                </td>
                <td>
                  <input name={`grade.${e.id}`} size={8} value={e.grade ?? ''} aria-labelledby={`r${e.id} rg`} />
                </td>
                <td>
                  <input name={`cert.${e.id}`} size={12} value={e.certificateNo ?? ''} aria-labelledby={`r${e.id} rc`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">{t('trainingExec.complete.submit')}</button>
      </form>
    </section>
  );
}

/** Participants per page on the class page: each row carries attendance and result controls. */
export const PEOPLE_PER_PAGE = 20;

/** The slice of participants a page shows (the class detail lists all). */
export function peoplePage(all: ClassDetail['enrolments'], page: number): ClassDetail['enrolments'] {
  return all.slice((page - 1) * PEOPLE_PER_PAGE, page * PEOPLE_PER_PAGE);
}

function PeoplePager({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const pages = Math.ceil(view.total / PEOPLE_PER_PAGE);
  if (pages <= 1) return null;
  const href = (p: number) => `/training/classes/${view.klass.id}?page=${p}&from=${view.from}#participants`;
  return (
    <nav aria-label={t('trainingExec.detail.peoplePages')}>
      {view.page > 1 && <a href={href(view.page - 1)}>{t('trainingExec.detail.previousPeople')}</a>}{' '}
      {t('trainingExec.detail.peoplePage', { page: view.page, pages })}{' '}
      {view.page < pages && <a href={href(view.page + 1)}>{t('trainingExec.detail.nextPeople')}</a>}
    </nav>
  );
}

/** One class: details, participants, enrolment, attendance grid per session day and results (all without JavaScript). */
export function ClassDetailPage({ ctx, view }: { ctx: ViewContext; view: ClassDetailView }) {
  const { t } = ctx;
  const c = view.klass;
  return (
    <Layout ctx={ctx} title={`${t('trainingExec.detail.title')} ${c.code}`}>
      <p>
        <a href="/training/classes">{t('trainingExec.list.title')}</a>
      </p>
      <h1>
        {t('trainingExec.detail.title')} {c.code}
      </h1>
      {view.saved && (
        <p class="alert success" role="status">
          {t('trainingExec.saved')}
        </p>
      )}
      <ErrorAlert ctx={ctx} error={view.error} />
      <Details ctx={ctx} c={c} />
      {view.canManage && <StatusForm ctx={ctx} c={c} />}
      <section aria-labelledby="participants">
        <h2 id="participants">{t('trainingExec.detail.participants')}</h2>
        <Participants ctx={ctx} view={view} />
        <PeoplePager ctx={ctx} view={view} />
      </section>
      {canEnrol(c.status) && <EnrolSection ctx={ctx} view={view} />}
      <AttendanceSection ctx={ctx} view={view} />
      {view.canManage && canRecordResults(c.status) && <CompleteSection ctx={ctx} view={view} />}
    </Layout>
  );
}
