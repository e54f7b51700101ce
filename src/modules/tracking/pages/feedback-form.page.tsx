import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { FEEDBACK_KINDS } from '../tracking.schemas.ts';

export type FeedbackFormView = {
  provinceCode: string;
  units: { id: number; name: string }[];
  values: Record<string, string>;
  error: { message: string; problems: { path: string; message: string }[] } | null;
  notice: string | null;
};

/** The public PAKN form: no login, works without JavaScript. */
export function FeedbackFormPage({ ctx, view }: { ctx: ViewContext; view: FeedbackFormView }) {
  const { t } = ctx;
  const v = view.values;
  const problemOf = (path: string) => view.error?.problems.find((p) => p.path === path)?.message;
  const field = (path: string) => {
    const p = problemOf(path);
    return p ? { 'aria-invalid': 'true' as const, 'aria-describedby': `fb-${path}-error` } : {};
  };
  const errorText = (path: string) => {
    const p = problemOf(path);
    return p ? (
      <p id={`fb-${path}-error`} class="field-error">
        {p}
      </p>
    ) : null;
  };
  return (
    <Layout ctx={ctx} title={t('feedback.title')}>
      <h1>{t('feedback.title')}</h1>
      <p>{t('feedback.intro')}</p>
      {view.notice && (
        <div class="alert success" role="status">
          <p>{view.notice}</p>
        </div>
      )}
      {view.error && (
        <div class="alert error" role="alert">
          <p>{view.error.message}</p>
        </div>
      )}
      <form method="post" action={`/feedback?province=${encodeURIComponent(view.provinceCode)}`}>
        <CsrfField ctx={ctx} />
        <label for="fb-unitId">{t('feedback.f.unit')}</label>
        <select id="fb-unitId" name="unitId" required {...field('unitId')}>
          {view.units.map((u) => (
            <option value={String(u.id)} selected={v.unitId === String(u.id)}>
              {u.name}
            </option>
          ))}
        </select>
        {errorText('unitId')}
        <label for="fb-kind">{t('feedback.f.kind')}</label>
        <select id="fb-kind" name="kind">
          {FEEDBACK_KINDS.map((k) => (
            <option value={k} selected={v.kind === k}>
              {t(`feedback.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
        <label for="fb-dossierCode">{t('feedback.f.dossierCode')}</label>
        <input id="fb-dossierCode" name="dossierCode" value={v.dossierCode ?? ''} maxlength={80} {...field('dossierCode')} />
        {errorText('dossierCode')}
        <label for="fb-text">{t('feedback.f.text')}</label>
        <textarea id="fb-text" name="text" rows={6} required minlength={10} maxlength={5000} {...field('text')}>
          {v.text ?? ''}
        </textarea>
        {errorText('text')}
        <label for="fb-contact">{t('feedback.f.contact')}</label>
        <input id="fb-contact" name="contact" value={v.contact ?? ''} maxlength={200} autocomplete="email" {...field('contact')} />
        {errorText('contact')}
        <button type="submit">{t('common.submit')}</button>
      </form>
    </Layout>
  );
}
