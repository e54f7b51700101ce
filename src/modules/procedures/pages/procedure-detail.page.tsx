import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { fieldLabel, formatDays, formatFee, formatTimeLimit, levelLabel, onlineLabel, roleLabel, stepLabel } from '../procedures.labels.ts';
import type { ProcedureDetail } from '../procedures.schemas.ts';

export type ProcedureDetailView = { procedure: ProcedureDetail; canManage: boolean; saved: boolean; today: string };

function Row({ label, value, lang }: { label: string; value: string; lang?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd lang={lang}>{value || '—'}</dd>
    </div>
  );
}

function Documents({ ctx, p }: { ctx: ViewContext; p: ProcedureDetail }) {
  const { t, locale } = ctx;
  if (p.requiredDocuments.length === 0) return <p>{t('procedures.docs.none')}</p>;
  return (
    <table>
      <caption>{t('procedures.docs.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('procedures.docs.name')}</th>
          <th scope="col" class="num">
            {t('procedures.docs.copies')}
          </th>
          <th scope="col">{t('procedures.docs.original')}</th>
        </tr>
      </thead>
      <tbody>
        {p.requiredDocuments.map((d) => (
          <tr>
            <th scope="row">
              <span lang="vi">{d.nameVi}</span>
              {locale !== 'vi' && d.nameEn && (
                <>
                  <br />
                  <span class="muted" lang="en">
                    {d.nameEn}
                  </span>
                </>
              )}
            </th>
            <td class="num">{formatNumber(d.copies, locale)}</td>
            <td>{d.originalRequired ? t('common.yes') : t('common.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Workflow({ ctx, p }: { ctx: ViewContext; p: ProcedureDetail }) {
  const { t, locale } = ctx;
  return (
    <table>
      <caption>{t('procedures.workflow.title')}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t('procedures.workflow.no')}
          </th>
          <th scope="col">{t('procedures.workflow.step')}</th>
          <th scope="col">{t('procedures.workflow.roles')}</th>
          <th scope="col" class="num">
            {t('procedures.workflow.days')}
          </th>
        </tr>
      </thead>
      <tbody>
        {p.workflow.map((s, i) => (
          <tr>
            <td class="num">{i + 1}</td>
            <th scope="row">
              {stepLabel(t, s.code)}
              {s.name && (
                <>
                  <br />
                  <span class="muted" lang="vi">
                    {s.name}
                  </span>
                </>
              )}
            </th>
            <td>{s.roles.map((r) => roleLabel(t, r)).join(', ')}</td>
            <td class="num">{formatDays(locale, s.workingDays)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ ctx, p, today }: { ctx: ViewContext; p: ProcedureDetail; today: string }) {
  const { t, locale } = ctx;
  return (
    <table>
      <caption>{t('procedures.history.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('procedures.col.effectiveFrom')}</th>
          <th scope="col">{t('procedures.col.effectiveTo')}</th>
          <th scope="col">{t('procedures.col.timeLimit')}</th>
          <th scope="col" class="num">
            {t('procedures.col.fee')}
          </th>
          <th scope="col">{t('procedures.history.status')}</th>
        </tr>
      </thead>
      <tbody>
        {p.history.map((v) => {
          const status =
            v.effectiveFrom > today
              ? t('procedures.history.upcoming')
              : v.effectiveTo !== null && v.effectiveTo < today
                ? t('procedures.history.ended')
                : t('procedures.history.inForce');
          return (
            <tr>
              <th scope="row">
                {v.id === p.id ? (
                  <span aria-current="true">
                    {formatDate(v.effectiveFrom)} {t('procedures.history.thisVersion')}
                  </span>
                ) : (
                  <a href={`/procedures/${v.id}`}>{formatDate(v.effectiveFrom)}</a>
                )}
              </th>
              <td>{v.effectiveTo ? formatDate(v.effectiveTo) : '—'}</td>
              <td>{formatTimeLimit(t, locale, v.timeLimitAmount, v.timeLimitUnit)}</td>
              <td class="num">{formatFee(t, locale, v.fee)}</td>
              <td>{status}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ProcedureDetailPage({ ctx, view }: { ctx: ViewContext; view: ProcedureDetailView }) {
  const { t, locale } = ctx;
  const p = view.procedure;
  const latestId = p.history[0]?.id ?? p.id;
  return (
    <Layout ctx={ctx} title={p.nameVi}>
      <p>
        <a href="/procedures">{t('procedures.backToList')}</a>
      </p>
      <h1 lang="vi">{p.nameVi}</h1>
      {locale !== 'vi' && <p lang="en">{p.nameEn}</p>}
      <div class="notices" aria-live="polite">
        {view.saved && (
          <div class="alert ok" role="status">
            {t('procedures.savedVersion', { date: formatDate(p.effectiveFrom) })}
          </div>
        )}
        {!p.isLatest && (
          <div class="alert" role="note">
            {t('procedures.notLatest')} <a href={`/procedures/${latestId}`}>{t('procedures.openLatest')}</a>
          </div>
        )}
      </div>
      {view.canManage && p.isLatest && (
        <p>
          <a class="button" href={`/procedures/${p.id}/edit`}>
            {t('procedures.edit.open')}
          </a>
        </p>
      )}
      <dl class="kv">
        <Row label={t('procedures.col.code')} value={p.nationalCode} />
        <Row label={t('procedures.col.field')} value={fieldLabel(t, p.field)} />
        <Row label={t('procedures.col.level')} value={levelLabel(t, p.competentLevel)} />
        <Row label={t('procedures.col.timeLimit')} value={formatTimeLimit(t, locale, p.timeLimitAmount, p.timeLimitUnit)} />
        {p.timeLimitNote && <Row label={t('procedures.col.timeLimitNote')} value={p.timeLimitNote} lang="vi" />}
        <Row label={t('procedures.col.fee')} value={formatFee(t, locale, p.fee)} />
        {p.feeNote && <Row label={t('procedures.col.feeNote')} value={p.feeNote} lang="vi" />}
        <Row label={t('procedures.col.online')} value={onlineLabel(t, p.onlineLevel)} />
        <Row label={t('procedures.col.paperResult')} value={p.paperResult ? t('common.yes') : t('common.no')} />
        <Row label={t('procedures.col.essential')} value={p.essentialService ? t('procedures.essential.long') : t('common.no')} />
        <Row label={t('procedures.col.effectiveFrom')} value={formatDate(p.effectiveFrom)} />
        <Row label={t('procedures.col.effectiveTo')} value={p.effectiveTo ? formatDate(p.effectiveTo) : t('procedures.openEnded')} />
        <Row
          label={t('procedures.col.source')}
          value={p.sourceTag ? `[${p.sourceTag}] ${p.sourceNote ?? ''}` : (p.sourceNote ?? '')}
          lang="vi"
        />
        <Row label={t('procedures.col.updatedAt')} value={formatInstant(p.updatedAt)} />
      </dl>

      <h2>{t('procedures.docs.title')}</h2>
      <Documents ctx={ctx} p={p} />
      <h2>{t('procedures.workflow.title')}</h2>
      <Workflow ctx={ctx} p={p} />
      <h2>{t('procedures.history.title')}</h2>
      <History ctx={ctx} p={p} today={view.today} />
    </Layout>
  );
}
