import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../units/units.labels.ts';
import { WisnResultView } from '../../pages/wisn.page.tsx';
import { MAX_ROWS } from '../../staffing.schemas.ts';
import { WORKING_TIME_FIELDS } from '../../wisn-form.ts';
import type { RunLine, RunSummary, StaffingRun } from '../run.schemas.ts';
import { headlineOf } from '../stored-line.ts';
import { RunFacts, ratioText, runHref, signedText, staffText, statusLabel } from './run.page.tsx';
import { STATUS_CLASS, STATUS_ICON } from './run-view.ts';

/** Staff of the field in the unit, by job position (positions module: posts and holders today). */
export type PositionRow = { positionCode: string; positionName: string | null; posts: number; holders: number };

export type RunLineView = {
  run: RunSummary;
  calendar: StaffingRun['calendar'] | null;
  line: RunLine;
  /** null when the position catalogue could not be read (no version in force). */
  positions: PositionRow[] | null;
};

/**
 * The line's exact WISN input as the what-if calculator's form fields (names as in
 * wisn-form.ts: "workingTime.hoursPerDay", "service.0.standard" …). Numbers are written with
 * String(), which keeps every digit, so the calculator recomputes the same figures.
 */
export function calculatorFields(line: RunLine): [string, string][] {
  const i = line.input;
  const out: [string, string][] = [];
  const w = i.workingTime as Record<string, number | undefined>;
  for (const f of WORKING_TIME_FIELDS) out.push([`workingTime.${f}`, w[f] === undefined ? '' : String(w[f])]);
  i.service.slice(0, MAX_ROWS).forEach((s, n) => {
    out.push([`service.${n}.name`, s.name], [`service.${n}.annualWorkload`, String(s.annualWorkload)]);
    out.push([`service.${n}.standard`, String(s.standard)], [`service.${n}.standardUnit`, s.standardUnit]);
  });
  i.support.slice(0, MAX_ROWS).forEach((s, n) => {
    out.push([`support.${n}.name`, s.name], [`support.${n}.time`, String(s.time)]);
    out.push([`support.${n}.timeUnit`, s.timeUnit], [`support.${n}.per`, s.per]);
  });
  i.additional.slice(0, MAX_ROWS).forEach((a, n) => {
    out.push([`additional.${n}.name`, a.name], [`additional.${n}.timePerPerson`, String(a.timePerPerson)]);
    out.push([`additional.${n}.timeUnit`, a.timeUnit], [`additional.${n}.persons`, String(a.persons)]);
  });
  out.push(['actualStaff', String(i.actualStaff)]);
  return out;
}

function WorkloadSources({ ctx, line }: { ctx: ViewContext; line: RunLine }) {
  const { t, locale } = ctx;
  if (line.workloadSources.length === 0) return <p>{t('staffingReport.line.noWorkload')}</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t('staffingReport.line.sourcesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffingReport.line.activity')}</th>
            <th scope="col">{t('staffingReport.line.procedure')}</th>
            <th scope="col">{t('staffingReport.line.dossiers')}</th>
            <th scope="col">{t('staffingReport.line.minutes')}</th>
            <th scope="col">{t('staffingReport.line.standardSource')}</th>
          </tr>
        </thead>
        <tbody>
          {line.workloadSources.map((s) => (
            <tr>
              <td>
                {t(`staffingReport.activity.${s.activity}` as MessageKey)}
                {s.channel ? ` (${t(`staffingReport.channel.${s.channel}` as MessageKey)})` : ''}
              </td>
              <th scope="row">
                {s.procedureCode ? `${s.procedureCode} – ` : ''}
                {s.procedureName}
              </th>
              <td class="num">
                {formatNumber(s.dossiers, locale)} {t('staffingReport.unit.dossiersInPeriod')}
              </td>
              <td class="num">
                {formatNumber(s.minutesPerDossier, locale, 2)} {t('staffing.figUnit.minutes/item')}
              </td>
              <td>{s.standardSource}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WorkingTime({ ctx, line, calendar }: { ctx: ViewContext; line: RunLine; calendar: RunLineView['calendar'] }) {
  const { t, locale } = ctx;
  const w = line.input.workingTime as Record<string, number | undefined>;
  return (
    <>
      <table>
        <caption>{t('staffingReport.line.workingTimeCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffing.wisn.figure')}</th>
            <th scope="col">{t('staffing.wisn.value')}</th>
          </tr>
        </thead>
        <tbody>
          {WORKING_TIME_FIELDS.map((f) => (
            <tr>
              <th scope="row">{t(`staffing.f.${f}`)}</th>
              <td class="num">{w[f] === undefined ? t('staffingReport.line.computed') : formatNumber(w[f], locale, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {calendar && (
        <>
          <p>
            {t('staffingReport.line.calendar', {
              days: formatNumber(calendar.possibleWorkingDays, locale, 1),
              holidays: formatNumber(calendar.publicHolidayDays, locale, 1),
            })}
          </p>
          {calendar.holidays.length > 0 && (
            <table>
              <caption>{t('staffingReport.line.holidaysCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffingReport.line.date')}</th>
                  <th scope="col">{t('staffingReport.line.holiday')}</th>
                </tr>
              </thead>
              <tbody>
                {calendar.holidays.map((h) => (
                  <tr>
                    <th scope="row">{formatDate(h.date)}</th>
                    <td>{h.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

function Activities({ ctx, line }: { ctx: ViewContext; line: RunLine }) {
  const { t, locale } = ctx;
  const i = line.input;
  return (
    <>
      {i.support.length > 0 && (
        <table>
          <caption>{t('staffingReport.line.casCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.f.name')}</th>
              <th scope="col">{t('staffing.f.time')}</th>
            </tr>
          </thead>
          <tbody>
            {i.support.map((s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <td class="num">
                  {formatNumber(s.time, locale, 2)} {t(`staffing.timeUnit.${s.timeUnit}`)} / {t(`staffing.per.${s.per}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {i.additional.length > 0 && (
        <table>
          <caption>{t('staffingReport.line.iasCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.f.name')}</th>
              <th scope="col">{t('staffing.f.timePerPerson')}</th>
              <th scope="col">{t('staffing.f.persons')}</th>
            </tr>
          </thead>
          <tbody>
            {i.additional.map((a) => (
              <tr>
                <th scope="row">{a.name}</th>
                <td class="num">
                  {formatNumber(a.timePerPerson, locale, 2)} {t(`staffing.timeUnit.${a.timeUnit}`)}
                </td>
                <td class="num">{formatNumber(a.persons, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {t('staffing.f.actualStaff')}: <strong>{formatNumber(i.actualStaff, locale, 2)}</strong> {t('staffing.figUnit.staff')}
      </p>
    </>
  );
}

function Expertise({ ctx, line, positions }: { ctx: ViewContext; line: RunLine; positions: PositionRow[] | null }) {
  const { t } = ctx;
  const e = line.expertise;
  const fitHref = `/position-fit?unitId=${line.unitId}&field=${encodeURIComponent(line.field)}`;
  return (
    <section aria-labelledby="expertise-title">
      <h2 id="expertise-title">{t('staffingReport.line.expertise')}</h2>
      <p>{t('staffingReport.line.expertiseText', { placed: e.placed, notMeeting: e.notMeeting })}</p>
      {e.gapCompetencies.length > 0 && (
        <table>
          <caption>{t('staffingReport.line.gapCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffingReport.col.competency')}</th>
              <th scope="col">{t('staffingReport.col.staffBelow')}</th>
            </tr>
          </thead>
          <tbody>
            {e.gapCompetencies.map((g) => (
              <tr>
                <th scope="row">
                  {g.code} – {g.name}
                </th>
                <td class="num">{g.staffBelow}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={fitHref}>{t('staffingReport.line.fitLink')}</a>
      </p>
      <h3>{t('staffingReport.line.positions')}</h3>
      {positions === null ? (
        <p>{t('staffingReport.line.positionsUnavailable')}</p>
      ) : positions.length === 0 ? (
        <p>{t('staffingReport.line.positionsNone')}</p>
      ) : (
        <table>
          <caption>{t('staffingReport.line.positionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffingReport.col.position')}</th>
              <th scope="col">{t('staffingReport.col.posts')}</th>
              <th scope="col">{t('staffingReport.col.holders')}</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => (
              <tr>
                <th scope="row">
                  {p.positionCode}
                  {p.positionName ? ` – ${p.positionName}` : ''}
                </th>
                <td class="num">{p.posts}</td>
                <td class="num">{p.holders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function WhatIf({ ctx, line }: { ctx: ViewContext; line: RunLine }) {
  const { t } = ctx;
  const tooMany = [line.input.service, line.input.support, line.input.additional].some((rows) => rows.length > MAX_ROWS);
  return (
    <form method="post" action="/staffing/wisn">
      <CsrfField ctx={ctx} />
      {calculatorFields(line).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary">
        {t('staffingReport.line.whatIf')}
      </button>{' '}
      <span class="muted">{t(tooMany ? 'staffingReport.line.whatIfCut' : 'staffingReport.line.whatIfHint', { max: MAX_ROWS })}</span>
    </form>
  );
}

/** /staffing/runs/:id/units/:unitId/fields/:field: every input with its source, every figure, the formula trace. */
export function RunLinePage({ ctx, view }: { ctx: ViewContext; view: RunLineView }) {
  const { t, locale } = ctx;
  const { run, line } = view;
  const title = t('staffingReport.line.title', { unit: line.unitName, field: fieldLabel(t, line.field) });
  const r = line.result;
  // A line of an older formula version has no result, only the figures stored with it.
  const headline = headlineOf(line);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={runHref(run.id)}>{t('staffingReport.run.title', { id: run.id })}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <span class={`ws ${STATUS_CLASS[line.status]}`}>
          <span aria-hidden="true">{STATUS_ICON[line.status]}</span> {statusLabel(t, line.status)}
        </span>{' '}
        {headline
          ? t('staffingReport.line.summary', {
              required: staffText(headline.requiredStaff, locale),
              actual: staffText(r ? r.actualStaff.value : line.input.actualStaff, locale),
              difference: signedText(headline.difference, locale),
              ratio: ratioText(headline.ratio, locale),
            })
          : t('staffingReport.line.refused', { reason: line.refusal ?? '' })}
      </p>
      <WhatIf ctx={ctx} line={line} />
      <RunFacts ctx={ctx} run={run} />
      <section aria-labelledby="inputs-title">
        <h2 id="inputs-title">{t('staffingReport.line.inputs')}</h2>
        <h3>{t('staffingReport.line.workload')}</h3>
        <WorkloadSources ctx={ctx} line={line} />
        <h3>{t('staffing.wisn.workingTime')}</h3>
        <WorkingTime ctx={ctx} line={line} calendar={view.calendar} />
        <h3>{t('staffingReport.line.activities')}</h3>
        <Activities ctx={ctx} line={line} />
      </section>
      {r ? (
        <WisnResultView ctx={ctx} result={r} />
      ) : line.traceUnavailable ? (
        <p class="alert" id="trace-unavailable">
          {t('staffingReport.line.traceUnavailable', { version: line.traceUnavailable.formulaVersion })}
        </p>
      ) : (
        <p class="alert error">{t('staffingReport.line.refused', { reason: line.refusal ?? '' })}</p>
      )}
      <Expertise ctx={ctx} line={line} positions={view.positions} />
    </Layout>
  );
}
