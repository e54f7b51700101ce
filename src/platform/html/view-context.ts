import type { Actor } from '../auth/actor.ts';
import type { Locale, Translate } from '../i18n/index.ts';

/** What every page needs besides its own view model; built once per request. */
export type ViewContext = {
  t: Translate;
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  path: string;
  requestId: string;
};
