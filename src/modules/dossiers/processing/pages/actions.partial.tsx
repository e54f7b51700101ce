import { CsrfField } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import type { DossierAction } from '../../lifecycle/state-machine.ts';
import type { FactsView } from '../facts.schemas.ts';
import type { ProcessingView } from '../processing.schemas.ts';
import { DueBadge } from './due-badge.tsx';
import { FactsPanel } from './facts.partial.tsx';
import { actionLabel, stepLabel } from './labels.ts';

/** Actions that must say why, in writing (the lifecycle refuses them without a reason). */
const NEEDS_REASON: readonly DossierAction[] = ['REFUSE', 'STOP', 'WITHDRAW', 'REQUEST_SUPPLEMENT'];
/** The intake block of the dossier page already offers these for online submissions. */
const SHOWN_BY_INTAKE: readonly DossierAction[] = ['ACCEPT', 'REFUSE'];

export type ProcessingPanelView = {
  processing: ProcessingView;
  /** Field specialists of the competent unit, for the assignment picker. */
  specialists: { id: number; name: string }[];
  /** The Decision 766 facts block; absent where not loaded. */
  facts?: FactsView | null;
};

/** The processing block of the dossier page: where it stands, one small form per allowed action, assignment and the apology slip. */
export function ProcessingPanel({ ctx, view }: { ctx: ViewContext; view: ProcessingPanelView }) {
  const { t } = ctx;
  const p = view.processing;
  const actions = p.allowedActions.filter((a) => !SHOWN_BY_INTAKE.includes(a));
  return (
    <section aria-labelledby="processing-h">
      <h2 id="processing-h">{t('processing.actions.title')}</h2>
      <dl>
        <dt>{t('processing.actions.step')}</dt>
        <dd>{stepLabel(t, p.step)}</dd>
        <dt>{t('processing.actions.assignee')}</dt>
        <dd>{p.assignee ? p.assignee.name : t('processing.actions.unassigned')}</dd>
        <dt>{t('processing.actions.appointment')}</dt>
        <dd>{formatInstant(p.appointmentAt) || '—'}</dd>
        <dt>{t('processing.actions.dueState')}</dt>
        <dd>
          <DueBadge t={t} state={p.dueState} />
        </dd>
      </dl>
      {p.needsApology && (
        <div class="alert error" role="alert">
          <p>{t('processing.apology.prompt')}</p>
        </div>
      )}
      {actions.length === 0 && !p.canAssign && <p>{t('processing.actions.none')}</p>}
      {actions.map((action) => {
        const fieldId = `act-${action.toLowerCase()}`;
        return (
          <form method="post" action={`/dossiers/${p.id}/transitions`} class="inline-action">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(p.version)} />
            <input type="hidden" name="action" value={action} />
            {NEEDS_REASON.includes(action) ? (
              <p>
                <label for={`${fieldId}-reason`}>
                  {actionLabel(t, action)} — {t('processing.actions.reason')}
                </label>
                <textarea id={`${fieldId}-reason`} name="reason" required maxLength={2000} rows={2} />
              </p>
            ) : (
              <p>
                <label for={`${fieldId}-note`}>
                  {actionLabel(t, action)} — {t('processing.actions.note')}
                </label>
                <input id={`${fieldId}-note`} name="note" maxLength={2000} />
              </p>
            )}
            <button type="submit">{actionLabel(t, action)}</button>
          </form>
        );
      })}
      {p.canAssign && view.specialists.length > 0 && (
        <form method="post" action={`/dossiers/${p.id}/assign`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="version" value={String(p.version)} />
          <p>
            <label for="assignee">{t('processing.actions.assignTo')}</label>
            <select id="assignee" name="assigneeId" required>
              {view.specialists.map((s) => (
                <option value={String(s.id)} selected={p.assignee?.id === s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">{t('processing.actions.assignSubmit')}</button>
        </form>
      )}
      {(p.status === 2 || p.status === 4) && actions.length > 0 && (
        <form method="post" action={`/dossiers/${p.id}/apology`}>
          <h3>{t('processing.apology.title')}</h3>
          <CsrfField ctx={ctx} />
          <p>
            <label for="apology-reason">{t('processing.apology.reason')}</label>
            <textarea id="apology-reason" name="reason" required maxLength={2000} rows={2} />
          </p>
          <p>
            <label for="apology-date">{t('processing.apology.newDueAt')}</label>
            <input id="apology-date" type="date" name="newDueAt" required />
          </p>
          <button type="submit">{t('processing.apology.submit')}</button>
        </form>
      )}
      {p.slips.length > 0 && (
        <table>
          <caption>{t('processing.apology.slips')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('processing.apology.issuedAt')}</th>
              <th scope="col">{t('processing.apology.reason')}</th>
              <th scope="col">{t('processing.apology.previous')}</th>
              <th scope="col">{t('processing.apology.next')}</th>
              <th scope="col">{t('processing.apology.delivery')}</th>
            </tr>
          </thead>
          <tbody>
            {p.slips.map((s) => (
              <tr>
                <th scope="row">{formatInstant(s.issuedAt)}</th>
                <td>{s.reason}</td>
                <td>{formatInstant(s.previousDueAt)}</td>
                <td>{formatInstant(s.newDueAt)}</td>
                <td>
                  {s.channel === 'COUNTER'
                    ? t('processing.apology.counter')
                    : s.deliveredAt
                      ? t('processing.apology.delivered')
                      : s.deliveryError
                        ? t('processing.apology.failed', { error: s.deliveryError })
                        : t('processing.apology.pending')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.facts && <FactsPanel ctx={ctx} view={view.facts} />}
    </section>
  );
}
