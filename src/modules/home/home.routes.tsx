import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDeps } from '../../app.ts';
import { barChartSvg } from '../../platform/charts/bar-chart.ts';
import { Layout } from '../../platform/html/layout.tsx';
import { TrustedHtml } from '../../platform/html/raw.tsx';
import { sendHtml } from '../../platform/html/render.ts';
import { hasMessage } from '../../platform/i18n/index.ts';
import { formatNumber } from '../../platform/time/format.ts';
import { homeStats, provinceName } from './home.repository.ts';

export const homeModule: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const ctx = request.viewContext();
    const { t, actor } = ctx;
    if (!actor) {
      return sendHtml(
        reply,
        <Layout ctx={ctx} title={t('home.title')}>
          <h1>{t('app.tagline')}</h1>
          <p>{t('home.publicIntro')}</p>
          <p>
            <a class="button" href="/login">
              {t('nav.login')}
            </a>
          </p>
        </Layout>,
      );
    }
    const stats = await homeStats(deps.readDb, actor.provinceCode, actor.unitId);
    const province = await provinceName(deps.readDb, actor.provinceCode);
    const kindLabel = (k: string) => {
      const key = `unitKind.${k}`;
      return hasMessage(key) ? t(key) : k;
    };
    const chart = stats.staffByKind.length
      ? barChartSvg({
          title: t('home.chart.staffByUnit'),
          labels: stats.staffByKind.map((s) => kindLabel(s.kind)),
          values: stats.staffByKind.map((s) => s.count),
        })
      : null;
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t('home.title')}>
        <h1>{t('home.welcome', { name: actor.displayName })}</h1>
        <p>{stats.unitName ? t('home.scope.unit', { unit: stats.unitName }) : t('home.scope.province', { province })}</p>
        <dl class="stats">
          <div>
            <dt>{t('home.stat.units')}</dt>
            <dd>{formatNumber(stats.units, ctx.locale)}</dd>
          </div>
          <div>
            <dt>{t('home.stat.predecessors')}</dt>
            <dd>{formatNumber(stats.predecessors, ctx.locale)}</dd>
          </div>
          <div>
            <dt>{t('home.stat.staff')}</dt>
            <dd>{formatNumber(stats.staff, ctx.locale)}</dd>
          </div>
        </dl>
        {chart && (
          <figure class="chart" aria-label={t('home.chart.staffByUnit')}>
            {/* Trusted: SVG rendered server-side by ECharts from our own numbers and translated labels. */}
            <TrustedHtml html={chart} as="span" />
          </figure>
        )}
      </Layout>,
    );
  });
};
