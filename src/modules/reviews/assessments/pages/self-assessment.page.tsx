import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import {
  DECREE_90_FLAG_METRICS,
  DECREE_90_SHARE_METRICS,
  DECREE_90_SUBJECTS,
} from '../../../../platform/rules/defaults/reviews-90.config.ts';
import type { Decree335Config } from '../../../../platform/rules/defaults/reviews-335.config.ts';
import { REVIEW_RATINGS } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import type { AssessmentSheet } from '../assessments.schemas.ts';
import { type FormProblem, type FormValues, fieldId, type ReviewConfigs } from './assessment-forms.ts';
import {
  type CompetencyInfo,
  competencyName,
  type FormError,
  InputField,
  Notice,
  ProblemSummary,
  problemText,
  ratingLabel,
  SelectField,
  SheetHeader,
  TextAreaField,
} from './assessment-parts.tsx';

type Line = AssessmentSheet['competencies'][number];

/** One competency: a fieldset whose legend names it and its required level, a 1–5 radio group with the five descriptors, and an evidence note. */
export function CompetencyFieldset({
  ctx,
  line,
  info,
  values,
  problems,
  disabled,
  levelLabel,
  evidenceLabel,
  aside,
  compact = false,
}: {
  ctx: ViewContext;
  line: Line;
  info: CompetencyInfo;
  values: FormValues;
  problems: readonly FormProblem[];
  disabled: boolean;
  levelLabel: string;
  evidenceLabel: string;
  aside?: ComponentChildren;
  /**
   * Only the required level's descriptor (reviewers' pages): a position with a dozen competencies
   * would otherwise carry sixty descriptors and pass the 50 KB page budget on slow networks.
   */
  compact?: boolean;
}) {
  const { t } = ctx;
  const code = line.competencyCode;
  const name = competencyName(info, code);
  const levelField = `level.${code}`;
  const current = values[levelField] ?? '';
  const mine = problems.filter((p) => p.field === levelField);
  const descriptors = info.get(code)?.levels;
  return (
    <fieldset>
      <legend>
        {t('assess.competency.legend', {
          name: `${name} (${code})`,
          required: line.requiredLevel ?? t('assess.competency.noRequired'),
        })}
      </legend>
      {aside}
      <fieldset class="levels">
        <legend>{levelLabel}</legend>
        {[1, 2, 3, 4, 5].map((n) => {
          const id = n === 1 ? fieldId(levelField) : `${fieldId(levelField)}-${n}`;
          return (
            <p>
              <input
                id={id}
                type="radio"
                name={levelField}
                value={String(n)}
                checked={current === String(n)}
                disabled={disabled}
                aria-invalid={mine.length > 0 ? 'true' : undefined}
              />{' '}
              <label for={id}>
                <strong>{t('assess.level.option', { level: n })}</strong>
                {(!compact || n === line.requiredLevel) && <> — {descriptors?.get(n) ?? t('assess.descriptor.missing')}</>}
              </label>
            </p>
          );
        })}
        {!['', '1', '2', '3', '4', '5'].includes(current) && (
          // A value the radios cannot show (posted by hand) stays visible, so the error next to it makes sense.
          <p>
            <input id={`${fieldId(levelField)}-x`} type="radio" name={levelField} value={current} checked disabled={disabled} />{' '}
            <label for={`${fieldId(levelField)}-x`}>{current}</label>
          </p>
        )}
        <p>
          <input id={`${fieldId(levelField)}-0`} type="radio" name={levelField} value="" checked={current === ''} disabled={disabled} />{' '}
          <label for={`${fieldId(levelField)}-0`}>{t('assess.level.none')}</label>
        </p>
        {mine.length > 0 && (
          <p id={`${fieldId(levelField)}-error`}>
            <strong>{mine.map((p) => problemText(t, p)).join(' ')}</strong>
          </p>
        )}
      </fieldset>
      <TextAreaField ctx={ctx} name={`evidence.${code}`} label={evidenceLabel} values={values} problems={problems} disabled={disabled} />
    </fieldset>
  );
}

const criterionName = (ctx: ViewContext, c: { nameVi: string; nameEn: string }) => (ctx.locale === 'vi' ? c.nameVi : c.nameEn);

/** The Decree 335 general criteria with their maximum points. */
export function GeneralCriteria(props: {
  ctx: ViewContext;
  config: Decree335Config;
  values: FormValues;
  problems: readonly FormProblem[];
  disabled: boolean;
}) {
  const { ctx, config } = props;
  return (
    <fieldset>
      <legend>{ctx.t('assess.general.legend', { max: config.general.maxPoints })}</legend>
      {config.general.criteria.map((c) => (
        <InputField
          {...props}
          name={`general.${c.code}`}
          label={ctx.t('assess.general.label', { name: criterionName(ctx, c), max: c.maxPoints })}
          numeric
        />
      ))}
    </fieldset>
  );
}

/** The Decree 90/2020 inputs: subject, judged level, absence, and the facts the configured gates look at. */
export function Decree90Fields(props: { ctx: ViewContext; values: FormValues; problems: readonly FormProblem[]; disabled: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  const flagOptions = [
    { value: 'yes', label: t('assess.flag.yes') },
    { value: 'no', label: t('assess.flag.no') },
  ];
  return (
    <fieldset>
      <legend>{t('assess.d90.legend')}</legend>
      <SelectField
        {...props}
        name="d90.subject"
        label={t('assess.d90.subject')}
        blank={t('assess.choose')}
        options={DECREE_90_SUBJECTS.map((s) => ({ value: s, label: t(`reviews.subject.${s}` as MessageKey) }))}
      />
      <SelectField
        {...props}
        name="d90.judgedLevel"
        label={t('assess.d90.judgedLevel')}
        blank={t('assess.choose')}
        options={REVIEW_RATINGS.map((r) => ({ value: r, label: ratingLabel(t, r) }))}
      />
      <InputField {...props} name="d90.absence" label={t('assess.d90.absence')} numeric />
      {DECREE_90_FLAG_METRICS.map((m) => (
        <SelectField
          {...props}
          name={`d90.metric.${m}`}
          label={t(`assess.d90.metric.${m}`)}
          blank={t('assess.flag.unknown')}
          options={flagOptions}
        />
      ))}
      {DECREE_90_SHARE_METRICS.map((m) => (
        <InputField {...props} name={`d90.metric.${m}`} label={t(`assess.d90.metric.${m}`)} numeric />
      ))}
    </fieldset>
  );
}

/** Labels of the fields of the assessment forms, for the error summary. */
export function fieldLabeller(ctx: ViewContext, sheet: AssessmentSheet, info: CompetencyInfo, configs: ReviewConfigs) {
  const { t } = ctx;
  return (f: string): string => {
    const [head, ...rest] = f.split('.');
    const tail = rest.join('.');
    switch (head) {
      case 'level':
      case 'evidence':
        return `${competencyName(info, tail)} (${tail})`;
      case 'general': {
        const c = configs.decree335.general.criteria.find((x) => x.code === tail);
        return c ? criterionName(ctx, c) : tail;
      }
      case 'item': {
        const [n, what] = rest;
        return `${t('assess.item.legend', { n: Number(n) + 1 })}: ${t(`assess.item.${what}` as MessageKey)}`;
      }
      case 'veto': {
        const v = configs.decree335.vetoes.find((x) => x.code === tail);
        return v ? criterionName(ctx, v) : tail;
      }
      case 'leader':
        return t(`assess.leader.${tail}` as MessageKey);
      case 'd90':
        return tail.startsWith('metric.') ? t(`assess.d90.${tail}` as MessageKey) : t(`assess.d90.${tail}` as MessageKey);
      case 'rating':
        return t('assess.rating.final');
      case 'note':
        return t('assess.rating.note');
      case 'crit': {
        const c = configs.screening178.criteria.find((x) => x.code === tail);
        return c ? criterionName(ctx, c) : tail;
      }
      default:
        return sheet.participant.fullName;
    }
  };
}

export type SelfView = {
  sheet: AssessmentSheet;
  info: CompetencyInfo;
  configs: ReviewConfigs;
  editable: boolean;
  values: FormValues;
  error: FormError;
  notice: string | null;
  period: { from: string; to: string } | null;
};

/** The owner's self-assessment: levels with descriptors and evidence, and the optional self-declared evaluation. */
export function SelfAssessmentPage({ ctx, view }: { ctx: ViewContext; view: SelfView }) {
  const { t } = ctx;
  const { sheet, values, editable } = view;
  const problems = view.error?.problems ?? [];
  const title = t('assess.self.title', { name: sheet.participant.fullName });
  const action = `/reviews/campaigns/${sheet.campaign.id}/participants/${sheet.participant.id}/self`;
  const withEvaluation = sheet.campaign.instruments.includes('ANNUAL_EVALUATION');
  const disabled = !editable;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/reviews/mine">{t('assess.back')}</a>
      </p>
      <h1>{title}</h1>
      <SheetHeader ctx={ctx} sheet={sheet} period={view.period} />
      <Notice text={view.notice} />
      {!editable && <p class="alert">{t('assess.self.readOnly')}</p>}
      <ProblemSummary ctx={ctx} error={view.error} labelOf={fieldLabeller(ctx, sheet, view.info, view.configs)} />
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        {/* The sheet version this form shows: a save after someone else's answers 409 instead of overwriting it. */}
        <input type="hidden" name="version" value={values.version ?? ''} />
        <h2>{t('assess.competencies.title')}</h2>
        <p>{t('assess.self.intro')}</p>
        {sheet.competencies.length === 0 && <p>{t('assess.competencies.none')}</p>}
        {sheet.competencies.map((line) => (
          <CompetencyFieldset
            ctx={ctx}
            line={line}
            info={view.info}
            values={values}
            problems={problems}
            disabled={disabled}
            levelLabel={t('assess.level.of', { name: competencyName(view.info, line.competencyCode) })}
            evidenceLabel={t('assess.evidence', { name: competencyName(view.info, line.competencyCode) })}
          />
        ))}
        {withEvaluation && (
          <section aria-labelledby="self-eval">
            <h2 id="self-eval">{t('assess.selfEval.title')}</h2>
            {sheet.campaign.regime === 'DECREE_335' ? (
              <>
                <p>{t('assess.selfEval.intro335', { max: view.configs.decree335.general.maxPoints })}</p>
                <GeneralCriteria ctx={ctx} config={view.configs.decree335} values={values} problems={problems} disabled={disabled} />
              </>
            ) : (
              <>
                <p>{t('assess.selfEval.intro90')}</p>
                <Decree90Fields ctx={ctx} values={values} problems={problems} disabled={disabled} />
              </>
            )}
          </section>
        )}
        {editable && <button type="submit">{t('assess.self.submit')}</button>}
      </form>
    </Layout>
  );
}
