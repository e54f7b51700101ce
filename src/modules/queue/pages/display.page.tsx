import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { fieldLabel } from '../../procedures/procedures.labels.ts';
import type { QueueDisplay } from '../queue.schemas.ts';

/** Seconds between refreshes: a citizen notices their number within a few seconds of the call. */
export const DISPLAY_REFRESH_SECONDS = 5;

/**
 * The hall's screen. Its own small document rather than the app layout (no navigation, no
 * htmx): it refreshes itself with a meta refresh, which needs no script and survives the
 * CSP, and weighs a few hundred bytes compressed on a commune's link.
 */
export function DisplayPage({ ctx, view, now }: { ctx: ViewContext; view: QueueDisplay; now: string }) {
  const { t } = ctx;
  const [latest, ...earlier] = view.called;
  const title = `${t('queue.display.title')} · ${view.unitName}`;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content={String(DISPLAY_REFRESH_SECONDS)} />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/queue-display.css" />
      </head>
      <body class="queue-display">
        <main>
          <h1>{title}</h1>
          {latest ? (
            <section aria-labelledby="calling" class="calling">
              <h2 id="calling">{t('queue.display.calling')}</h2>
              <p class="now">
                <strong>{latest.label}</strong> <span aria-hidden="true">→</span> <span>{latest.counterLabel ?? ''}</span>
              </p>
            </section>
          ) : (
            <p class="now">{t('queue.display.none')}</p>
          )}
          {earlier.length > 0 && (
            <table>
              <caption class="visually-hidden">{t('queue.display.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.col.label')}</th>
                  <th scope="col">{t('queue.col.counter')}</th>
                </tr>
              </thead>
              <tbody>
                {earlier.map((c) => (
                  <tr>
                    <td>{c.label}</td>
                    <td>{c.counterLabel ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.waiting.length > 0 && (
            <section aria-labelledby="waiting">
              <h2 id="waiting">{t('queue.display.waiting')}</h2>
              <ul class="waiting">
                {view.waiting.map((w) => (
                  <li>{`${fieldLabel(t, w.field)}: ${w.count}`}</li>
                ))}
              </ul>
            </section>
          )}
          <p class="updated">{t('queue.display.updated', { at: formatInstant(now) })}</p>
        </main>
      </body>
    </html>
  );
}
