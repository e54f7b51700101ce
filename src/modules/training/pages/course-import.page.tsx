import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';

export type CourseImportView = {
  /** The outcome of the last upload: written (or checked only) course codes, or the refusal with every problem. */
  result: { committed: boolean; codes: string[] } | null;
  error: AppError | null;
};

/** A plain multipart form (works without JavaScript): check only, or import all rows. */
export function CourseImportPage({ ctx, view }: { ctx: ViewContext; view: CourseImportView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('training.import.title')}>
      <p>
        <a href="/training/courses">{t('training.title')}</a>
      </p>
      <h1>{t('training.import.title')}</h1>
      <p>{t('training.import.intro')}</p>
      {view.error && (
        <div class="alert error" role="alert">
          <p>
            <strong>{t(ERROR_TABLE[view.error.code].key as MessageKey, view.error.params)}</strong>
          </p>
          <ul>
            {view.error.fieldProblems.map((p) => (
              <li>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.result && (
        <p class="alert success" role="status">
          {t(view.result.committed ? 'training.import.done' : 'training.import.checked', { n: view.result.codes.length })}{' '}
          {view.result.codes.join(', ')}
        </p>
      )}
      <form method="post" action="/training/courses/import" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <p>
          <label for="course-file">{t('training.import.fileLabel')}</label>
          <input
            id="course-file"
            type="file"
            name="file"
            required
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </p>
        <p>
          <button type="submit" name="mode" value="dryRun">
            {t('training.import.dryRun')}
          </button>{' '}
          <button type="submit" name="mode" value="commit">
            {t('training.import.commit')}
          </button>
        </p>
      </form>
    </Layout>
  );
}
