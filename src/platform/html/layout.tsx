import type { ComponentChildren } from 'preact';
import { roleHas } from '../auth/roles.ts';
import { LOCALES, type MessageKey } from '../i18n/index.ts';
import type { ViewContext } from './view-context.ts';

type NavItem = { href: string; label: MessageKey; visible: (ctx: ViewContext) => boolean };

const NAV: NavItem[] = [
  { href: '/', label: 'nav.home', visible: () => true },
  // Citizens' pages: shown to visitors who are not signed in.
  { href: '/track', label: 'track.title', visible: (c) => !c.actor },
  { href: '/submit', label: 'dossiers.submit.title', visible: (c) => !c.actor },
  { href: '/feedback', label: 'feedback.title', visible: (c) => !c.actor },
  { href: '/units', label: 'nav.units', visible: (c) => !!c.actor && roleHas(c.actor.role, 'units.read') },
  { href: '/procedures', label: 'nav.procedures', visible: (c) => !!c.actor && roleHas(c.actor.role, 'procedures.read') },
  { href: '/inbox', label: 'nav.inbox', visible: (c) => !!c.actor && roleHas(c.actor.role, 'dossiers.process') },
  { href: '/dossiers', label: 'nav.dossiers', visible: (c) => !!c.actor && roleHas(c.actor.role, 'dossiers.read') },
  { href: '/queue', label: 'nav.queue', visible: (c) => !!c.actor && roleHas(c.actor.role, 'queue.call') },
  { href: '/scorecard', label: 'nav.scorecard', visible: (c) => !!c.actor && roleHas(c.actor.role, 'scorecard.read') },
  { href: '/statistics', label: 'nav.statistics', visible: (c) => !!c.actor && roleHas(c.actor.role, 'scorecard.read') },
  { href: '/overview', label: 'nav.overview', visible: (c) => !!c.actor && roleHas(c.actor.role, 'overview.read') },
  { href: '/reports', label: 'nav.reports', visible: (c) => !!c.actor && roleHas(c.actor.role, 'reports.read') },
  { href: '/feedback/manage', label: 'feedback.manage.title', visible: (c) => !!c.actor && roleHas(c.actor.role, 'feedback.handle') },
  { href: '/staff', label: 'nav.staff', visible: (c) => !!c.actor && roleHas(c.actor.role, 'staff.read') },
  { href: '/positions', label: 'nav.positions', visible: (c) => !!c.actor && roleHas(c.actor.role, 'positions.read') },
  { href: '/competencies', label: 'nav.competencies', visible: (c) => !!c.actor && roleHas(c.actor.role, 'positions.read') },
  { href: '/position-fit', label: 'nav.positionFit', visible: (c) => !!c.actor && roleHas(c.actor.role, 'fit.read') },
  { href: '/staffing', label: 'nav.staffingReport', visible: (c) => !!c.actor && roleHas(c.actor.role, 'staffing.read') },
  { href: '/staffing/wisn', label: 'nav.staffing', visible: (c) => !!c.actor && roleHas(c.actor.role, 'staffing.read') },
  { href: '/training/courses', label: 'nav.training', visible: (c) => !!c.actor && roleHas(c.actor.role, 'training.read') },
  { href: '/training/needs', label: 'nav.trainingNeeds', visible: (c) => !!c.actor && roleHas(c.actor.role, 'training.read') },
  { href: '/training/plans', label: 'nav.trainingPlans', visible: (c) => !!c.actor && roleHas(c.actor.role, 'training.plan.read') },
  { href: '/training/classes', label: 'nav.trainingClasses', visible: (c) => !!c.actor && roleHas(c.actor.role, 'training.read') },
  { href: '/training/execution', label: 'nav.trainingExecution', visible: (c) => !!c.actor && roleHas(c.actor.role, 'training.read') },
  { href: '/reviews/campaigns', label: 'reviewCampaigns.nav', visible: (c) => !!c.actor && roleHas(c.actor.role, 'reviews.read') },
  { href: '/reviews/mine', label: 'assess.nav', visible: (c) => !!c.actor && roleHas(c.actor.role, 'reviews.self') },
  { href: '/admin/users', label: 'nav.users', visible: (c) => !!c.actor && roleHas(c.actor.role, 'users.manage') },
  { href: '/calendar', label: 'nav.calendar', visible: (c) => !!c.actor && roleHas(c.actor.role, 'calendar.manage') },
  { href: '/admin/rules', label: 'nav.rulesAdmin', visible: (c) => !!c.actor && roleHas(c.actor.role, 'rules.read') },
  { href: '/audit', label: 'nav.audit', visible: (c) => !!c.actor && roleHas(c.actor.role, 'audit.read') },
  { href: '/account', label: 'nav.account', visible: (c) => !!c.actor },
  { href: '/docs', label: 'nav.apiDocs', visible: () => true },
];

function matches(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The entry for the page shown: the longest matching href, so /staffing/wisn marks the calculator, not /staffing too. */
export function currentHref(path: string, hrefs: readonly string[]): string | undefined {
  return hrefs.filter((h) => matches(path, h)).sort((a, b) => b.length - a.length)[0];
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function Layout({ ctx, title, children }: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  const { t, actor } = ctx;
  const visibleNav = NAV.filter((n) => n.visible(ctx));
  const current = currentHref(
    ctx.path,
    visibleNav.map((n) => n.href),
  );
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/htmx/htmx.min.js" defer />
        {/* No inline indicator styles (our CSP forbids them); swap 4xx/5xx fragments too, since the
            error handler retargets them to #alerts. */}
        <meta
          name="htmx-config"
          content='{"includeIndicatorStyles":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"[45]..","swap":true,"error":true}]}'
        />
      </head>
      <body hx-headers={JSON.stringify({ 'X-CSRF-Token': ctx.csrfToken })}>
        <a class="skip" href="#main">
          {t('app.skipToContent')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <span class="tagline">{t('app.tagline')}</span>
          <nav aria-label={t('nav.label')}>
            <ul>
              {visibleNav.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.href === current ? 'page' : undefined}>
                    {t(n.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="session">
            {actor ? (
              <form method="post" action="/logout">
                <span>{t('common.signedInAs', { name: actor.displayName, role: t(`role.${actor.role}` as MessageKey) })}</span>{' '}
                <CsrfField ctx={ctx} />
                <button type="submit" class="link">
                  {t('nav.logout')}
                </button>
              </form>
            ) : (
              <a href="/login">{t('nav.login')}</a>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div id="alerts" aria-live="polite" />
          {children}
        </main>
        <footer>
          <nav aria-label={t('lang.label')}>
            <ul class="langs">
              {LOCALES.map((l) => (
                <li>
                  <a
                    href={`/lang?set=${l}&next=${encodeURIComponent(ctx.path)}`}
                    lang={l}
                    aria-current={l === ctx.locale ? 'true' : undefined}
                  >
                    {t(`lang.${l}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
