import { type AppError, ERROR_TABLE } from '../../../../platform/errors/app-error.ts';
import type { MessageKey, Translate } from '../../../../platform/i18n/index.ts';
import { formatNumber } from '../../../../platform/time/format.ts';

/** Shared bits of the plan pages: status and method labels, figures, the error summary. */

export const planStatusLabel = (t: Translate, s: string) => t(`trainingPlans.status.${s}` as MessageKey);
export const planMethodLabel = (t: Translate, m: string | null) => (m ? t(`trainingPlans.method.${m}` as MessageKey) : '–');

export const figure = (n: number | null | undefined, locale: string, digits = 1) =>
  n === null || n === undefined ? '–' : formatNumber(n, locale, digits);
export const percent = (n: number | null | undefined, locale: string) =>
  n === null || n === undefined ? '–' : `${formatNumber(n * 100, locale, 2)} %`;

export function ErrorSummary({ t, error }: { t: Translate; error: AppError | null }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => (
            <li>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
