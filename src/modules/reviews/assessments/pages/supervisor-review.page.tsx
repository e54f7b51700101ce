import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { AssessmentSheet } from '../assessments.schemas.ts';
import { DEFAULT_ROWS, type FormProblem, type FormValues, MAX_ROWS, type ReviewConfigs } from './assessment-forms.ts';
import {
  CheckboxField,
  type CompetencyInfo,
  competencyName,
  EvaluationResult,
  type FormError,
  InputField,
  Notice,
  ProblemSummary,
  SheetHeader,
} from './assessment-parts.tsx';
import { CompetencyFieldset, Decree90Fields, fieldLabeller, GeneralCriteria } from './self-assessment.page.tsx';

export type SupervisorView = {
  sheet: AssessmentSheet;
  info: CompetencyInfo;
  configs: ReviewConfigs;
  editable: boolean;
  values: FormValues;
  error: FormError;
  notice: string | null;
  period: { from: string; to: string } | null;
  /** The person's fit table and service evidence for the campaign period, or null when not reachable. */
  evidence: ComponentChildren | null;
};

function rowsOf(values: FormValues): number {
  const n = Number.parseInt(values.rows ?? '', 10);
  return Number.isFinite(n) ? Math.min(MAX_ROWS, Math.max(1, n)) : DEFAULT_ROWS;
}

function WorkItems(props: { ctx: ViewContext; values: FormValues; problems: readonly FormProblem[]; disabled: boolean }) {
  const { ctx, values, disabled } = props;
  const { t } = ctx;
  const rows = rowsOf(values);
  return (
    <fieldset>
      <legend>{t('assess.tasks.legend')}</legend>
      <p>{t('assess.tasks.intro')}</p>
      <input type="hidden" name="rows" value={String(rows)} />
      {Array.from({ length: rows }, (_, n) => {
        const f = (k: string) => `item.${n}.${k}`;
        return (
          <fieldset>
            <legend>{t('assess.item.legend', { n: n + 1 })}</legend>
            <InputField {...props} name={f('period')} label={t('assess.item.period')} max={40} />
            <InputField {...props} name={f('id')} label={t('assess.item.id')} max={60} />
            <InputField {...props} name={f('coefficient')} label={t('assess.item.coefficient')} numeric />
            <CheckboxField {...props} name={f('completed')} label={t('assess.item.completed')} />
            <CheckboxField {...props} name={f('quality')} label={t('assess.item.quality')} />
            <InputField {...props} name={f('sendBacks')} label={t('assess.item.sendBacks')} numeric />
            <InputField {...props} name={f('delays')} label={t('assess.item.delays')} numeric />
            <CheckboxField {...props} name={f('objective')} label={t('assess.item.objective')} />
          </fieldset>
        );
      })}
      {!disabled && rows < MAX_ROWS && (
        <p>
          <button type="submit" name="_action" value="addRow" class="secondary">
            {t('assess.rows.add')}
          </button>
        </p>
      )}
    </fieldset>
  );
}

/** The supervisor's review: the person's own levels beside the supervisor's, service evidence, the evaluation input and its computed result with the trace. */
export function SupervisorReviewPage({ ctx, view }: { ctx: ViewContext; view: SupervisorView }) {
  const { t } = ctx;
  const { sheet, values, editable, configs } = view;
  const problems = view.error?.problems ?? [];
  const disabled = !editable;
  const title = t('assess.sup.title', { name: sheet.participant.fullName });
  const action = `/reviews/campaigns/${sheet.campaign.id}/participants/${sheet.participant.id}/supervisor`;
  const withEvaluation = sheet.campaign.instruments.includes('ANNUAL_EVALUATION');
  const isLeader = sheet.participant.positionGroup === 'LEADERSHIP';
  const selfInput = sheet.evaluation?.selfInput;
  const common = { ctx, values, problems, disabled };
  const criterion = (c: { nameVi: string; nameEn: string }) => (ctx.locale === 'vi' ? c.nameVi : c.nameEn);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/reviews/mine">{t('assess.back')}</a>
      </p>
      <h1>{title}</h1>
      <SheetHeader ctx={ctx} sheet={sheet} period={view.period} />
      <Notice text={view.notice} />
      {!editable && <p class="alert">{t('assess.sup.readOnly')}</p>}
      <ProblemSummary ctx={ctx} error={view.error} labelOf={fieldLabeller(ctx, sheet, view.info, configs)} />
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        {/* The sheet version this form shows: a save after someone else's answers 409 instead of overwriting it. */}
        <input type="hidden" name="version" value={values.version ?? ''} />
        <h2>{t('assess.competencies.title')}</h2>
        <p>{t('assess.sup.intro')}</p>
        {sheet.competencies.length === 0 && <p>{t('assess.competencies.none')}</p>}
        {sheet.competencies.map((line) => {
          const name = competencyName(view.info, line.competencyCode);
          return (
            <CompetencyFieldset
              ctx={ctx}
              line={line}
              info={view.info}
              values={values}
              problems={problems}
              disabled={disabled}
              levelLabel={t('assess.sup.level', { name })}
              evidenceLabel={t('assess.sup.evidence', { name })}
              compact
              aside={
                <p class="muted">
                  {line.selfLevel === null ? t('assess.sup.selfNone') : t('assess.sup.selfSaid', { level: line.selfLevel })}
                  {line.selfEvidence && (
                    <>
                      <br />
                      {t('assess.sup.selfEvidence', { text: line.selfEvidence })}
                    </>
                  )}
                </p>
              }
            />
          );
        })}
        {editable && withEvaluation && (
          // The first submit button of the form is the one Enter presses: it must save, not add a row.
          <p>
            <button type="submit">{t('assess.sup.submit')}</button>
          </p>
        )}
        <section aria-labelledby="evidence">
          <h2 id="evidence">{t('assess.evidence.title')}</h2>
          {view.evidence ?? <p>{t('assess.evidence.unavailable')}</p>}
        </section>
        {withEvaluation && sheet.campaign.regime === 'DECREE_335' && (
          <section aria-labelledby="eval335">
            <h2 id="eval335">{t('reviews.regime.DECREE_335')}</h2>
            {selfInput && 'generalScores' in selfInput && Object.keys(selfInput.generalScores).length > 0 && (
              <>
                <h3>{t('assess.sup.selfEvalTitle')}</h3>
                <ul>
                  {configs.decree335.general.criteria
                    .filter((c) => selfInput.generalScores[c.code] !== undefined)
                    .map((c) => (
                      <li>
                        {criterion(c)}: {selfInput.generalScores[c.code]} / {c.maxPoints}
                      </li>
                    ))}
                </ul>
              </>
            )}
            <GeneralCriteria {...common} config={configs.decree335} />
            <WorkItems {...common} />
            <fieldset>
              <legend>{t('assess.vetoes.legend')}</legend>
              {configs.decree335.vetoes.map((v) => (
                <CheckboxField
                  {...common}
                  name={`veto.${v.code}`}
                  label={`${criterion(v)}${v.appliesTo === 'LEADERS' ? ` (${t('assess.vetoes.leaders')})` : ''}`}
                />
              ))}
            </fieldset>
            {isLeader && (
              <fieldset>
                <legend>{t('assess.leader.legend')}</legend>
                <InputField {...common} name="leader.unitResult" label={t('assess.leader.unitResult')} numeric />
                <CheckboxField {...common} name="leader.anyNotCompleted" label={t('assess.leader.anyNotCompleted')} />
                <CheckboxField {...common} name="leader.onPlan" label={t('assess.leader.onPlan')} />
                <InputField {...common} name="leader.organising" label={t('assess.leader.organising')} numeric />
              </fieldset>
            )}
          </section>
        )}
        {withEvaluation && sheet.campaign.regime === 'DECREE_90' && <Decree90Fields {...common} />}
        {editable && <button type="submit">{t('assess.sup.submit')}</button>}
      </form>
      {withEvaluation && <EvaluationResult ctx={ctx} evaluation={sheet.evaluation} />}
    </Layout>
  );
}
