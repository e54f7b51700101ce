import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant } from '../../../platform/time/format.ts';
import { classCost } from '../courses.ts';
import {
  contentTypeLabel,
  courseStatusLabel,
  formatVnd,
  fundingLabel,
  groupLabel,
  modeLabel,
  rankLabel,
  ratingLabel,
  workFieldLabel,
} from '../training.labels.ts';
import type { CourseDetail } from '../training.schemas.ts';

export type CourseDetailView = {
  course: CourseDetail;
  canManage: boolean;
  saved: boolean;
  retired: boolean;
  today: string;
  /** A refused retirement (stale version, bad date), shown above the page. */
  error?: AppError | null;
};

function Row({ label, value, lang }: { label: string; value: string; lang?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd lang={lang}>{value || '—'}</dd>
    </div>
  );
}

function Eligibility({ ctx, c }: { ctx: ViewContext; c: CourseDetail }) {
  const { t } = ctx;
  const e = c.eligibility;
  const rule = c.postgraduateRule;
  const pg = e.postgraduate;
  const open = e.targetRanks.length === 0 && e.positionGroups.length === 0 && e.fields.length === 0;
  return (
    <section aria-labelledby="eligibility">
      <h2 id="eligibility">{t('training.detail.eligibility')}</h2>
      {open ? (
        <p>{t('training.detail.everyone')}</p>
      ) : (
        <dl>
          {e.targetRanks.length > 0 && (
            <Row label={t('training.detail.ranks')} value={e.targetRanks.map((r) => rankLabel(t, r)).join(', ')} />
          )}
          {e.positionGroups.length > 0 && (
            <Row label={t('training.detail.groups')} value={e.positionGroups.map((g) => groupLabel(t, g)).join(', ')} />
          )}
          {e.fields.length > 0 && <Row label={t('training.detail.fields')} value={e.fields.map((f) => workFieldLabel(t, f)).join(', ')} />}
        </dl>
      )}
      {pg && rule && (
        <>
          <h3>{t('training.detail.postgraduate')}</h3>
          <ul>
            <li>{t('training.detail.pgProgramme', { months: pg.programmeMonths })}</li>
            <li>{t('training.detail.pgService', { years: pg.minServiceYears ?? rule.minServiceYears })}</li>
            <li>{t('training.detail.pgRatings', { rating: ratingLabel(t, rule.minRating), years: rule.recentRatingYears })}</li>
            <li>{t('training.detail.pgAge', { age: pg.maxAgeAtFirstSending ?? rule.maxAgeAtFirstSending })}</li>
            <li>{t('training.detail.pgCommitment', { multiple: pg.commitmentMultiple ?? rule.commitmentMultiple })}</li>
            {rule.repayment.tuitionAndCosts && <li>{t('training.detail.pgRepayment')}</li>}
          </ul>
          <p class="muted">
            {t('training.detail.pgSource', { version: rule.version, date: formatDate(rule.effectiveFrom), note: rule.sourceNote })}
          </p>
        </>
      )}
    </section>
  );
}

export function CourseDetailPage({ ctx, view }: { ctx: ViewContext; view: CourseDetailView }) {
  const { t, locale } = ctx;
  const c = view.course;
  return (
    <Layout ctx={ctx} title={c.nameVi}>
      <h1 lang="vi">{c.nameVi}</h1>
      {locale !== 'vi' && (
        <p class="muted" lang="en">
          {c.nameEn}
        </p>
      )}
      {view.error && (
        <div class="alert error" role="alert">
          <p>
            <strong>{t(ERROR_TABLE[view.error.code].key as MessageKey, view.error.params)}</strong>
          </p>
          {view.error.fieldProblems.length > 0 && (
            <ul>
              {view.error.fieldProblems.map((p) => (
                <li>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view.saved && (
        <p class="alert success" role="status">
          {t('training.saved')}
        </p>
      )}
      {view.retired && (
        <p class="alert success" role="status">
          {t('training.retired')}
        </p>
      )}
      <section aria-labelledby="general">
        <h2 id="general">{t('training.detail.general')}</h2>
        <dl>
          <Row label={t('training.col.code')} value={c.code} />
          <Row label={t('training.col.status')} value={courseStatusLabel(t, c.status)} />
          <Row label={t('training.col.contentType')} value={contentTypeLabel(t, c.contentType)} />
          <Row label={t('training.col.mode')} value={modeLabel(t, c.mode)} />
          <Row label={t('training.col.provider')} value={c.provider} lang="vi" />
          <Row label={t('training.detail.location')} value={c.location ?? ''} lang="vi" />
          <Row
            label={t('training.col.duration')}
            value={`${t('training.days', { n: c.durationDays })} · ${t('training.detail.periods', { n: c.periods })}`}
          />
          <Row label={t('training.col.capacity')} value={t('training.capacityRange', { min: c.minClassSize, max: c.classCapacity })} />
          <Row
            label={t('training.detail.effective')}
            value={
              c.effectiveTo
                ? t('training.detail.fromTo', { from: formatDate(c.effectiveFrom), to: formatDate(c.effectiveTo) })
                : t('training.detail.from', { from: formatDate(c.effectiveFrom) })
            }
          />
        </dl>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('training.detail.sessions')}</h2>
        <ol>
          {c.sessions.map((s, i) => (
            <li>
              {t('training.detail.sessionN', { n: i + 1 })}: {t('training.days', { n: s.days })}
              {s.note ? ` – ${s.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="competencies">
        <h2 id="competencies">{t('training.detail.competencies')}</h2>
        {c.competencies.length === 0 ? (
          <p>{t('training.detail.noCompetencies')}</p>
        ) : (
          <ul>
            {c.competencies.map((x) => (
              <li>
                <code>{x.competencyCode}</code>{' '}
                {x.nameVi ? (locale === 'vi' ? x.nameVi : (x.nameEn ?? x.nameVi)) : t('training.detail.notInFramework')}{' '}
                {t('training.detail.raisesTo', { level: x.raisesToLevel })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="costs">
        <h2 id="costs">{t('training.detail.costs')}</h2>
        <dl>
          <Row label={t('training.col.costPerClass')} value={formatVnd(locale, c.costPerClass)} />
          <Row label={t('training.col.costPerParticipant')} value={formatVnd(locale, c.costPerParticipant)} />
          <Row label={t('training.detail.funding')} value={fundingLabel(t, c.fundingSource)} />
        </dl>
        <p>{t('training.detail.fullClassCost', { n: c.classCapacity, cost: formatVnd(locale, classCost(c, c.classCapacity)) })}</p>
      </section>
      <section aria-labelledby="prerequisites">
        <h2 id="prerequisites">{t('training.detail.prerequisites')}</h2>
        {c.prerequisites.length === 0 ? (
          <p>{t('training.detail.noPrerequisites')}</p>
        ) : (
          <ul>
            {c.prerequisites.map((p) => (
              <li>
                {p.id === null ? <code>{p.code}</code> : <a href={`/training/courses/${p.id}`}>{p.code}</a>}
                {p.nameVi ? <span lang="vi"> – {p.nameVi}</span> : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Eligibility ctx={ctx} c={c} />
      <p class="muted">{t('training.detail.version', { n: c.version, at: formatInstant(c.updatedAt) })}</p>
      {view.canManage && c.status === 'ACTIVE' && (
        <>
          <p>
            <a class="button" href={`/training/courses/${c.id}/edit`}>
              {t('training.edit')}
            </a>
          </p>
          <form method="post" action={`/training/courses/${c.id}/retire`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(c.version)} />
            <label for="retire-date">{t('training.retireLabel')}</label>
            <input id="retire-date" type="date" name="effectiveTo" value={view.today} />
            <button type="submit">{t('training.retire')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
