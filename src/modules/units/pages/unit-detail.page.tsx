import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import { bodyKindLabel, fieldLabel, unitKindLabel } from '../units.labels.ts';
import type { LineageLink, UnitDetail } from '../units.schemas.ts';

export type UnitDetailView = {
  unit: UnitDetail;
  canEdit: boolean;
  canSeeStaff: boolean;
  saved: boolean;
  /** A translated message to show above the form, such as a version conflict. */
  error: string | null;
};

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );
}

function LineageTable({ ctx, caption, links }: { ctx: ViewContext; caption: string; links: LineageLink[] }) {
  const { t } = ctx;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('units.col.name')}</th>
          <th scope="col">{t('units.col.kind')}</th>
          <th scope="col">{t('units.col.resolution')}</th>
          <th scope="col">{t('units.col.effectiveDate')}</th>
        </tr>
      </thead>
      <tbody>
        {links.map((l) => (
          <tr>
            <th scope="row">
              <a href={`/units/${l.unit.id}`}>{l.unit.name}</a>
            </th>
            <td>{unitKindLabel(t, l.unit.kind)}</td>
            <td>{l.resolution}</td>
            <td>{formatDate(l.effectiveDate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EditForm({ ctx, unit }: { ctx: ViewContext; unit: UnitDetail }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t('units.edit.title')}</h2>
      <p class="muted" id="edit-hint">
        {t('units.edit.hint')}
      </p>
      <form method="post" action={`/units/${unit.id}`} class="stack narrow" aria-describedby="edit-hint">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(unit.version)} />
        <label for="unit-name">{t('units.col.name')}</label>
        <input id="unit-name" name="name" required maxLength={200} value={unit.name} />
        <label for="unit-population">{t('units.col.population')}</label>
        <input id="unit-population" name="population" type="number" min={0} step={1} value={unit.population ?? ''} />
        <label for="unit-area">{t('units.col.area')}</label>
        <input id="unit-area" name="areaKm2" type="number" min={0} step={0.01} value={unit.areaKm2 ?? ''} />
        <label for="unit-resolution">{t('units.col.createdBy')}</label>
        <input id="unit-resolution" name="createdByResolution" maxLength={200} value={unit.createdByResolution ?? ''} />
        <label>
          <input type="checkbox" name="isMountainous" value="on" checked={unit.isMountainous} /> {t('units.col.mountainous')}
        </label>
        <button type="submit">{t('common.save')}</button>
      </form>
    </section>
  );
}

export function UnitDetailPage({ ctx, view }: { ctx: ViewContext; view: UnitDetailView }) {
  const { t, locale } = ctx;
  const { unit } = view;
  return (
    <Layout ctx={ctx} title={unit.name}>
      <p>
        <a href="/units">{t('units.backToList')}</a>
      </p>
      <h1>{unit.name}</h1>
      <div class="notices" aria-live="polite">
        {view.saved && (
          <div class="alert ok" role="status">
            {t('common.saved')}
          </div>
        )}
        {view.error && (
          <div class="alert error" role="alert">
            {view.error}
          </div>
        )}
      </div>
      <dl class="kv">
        <Row label={t('units.col.code')} value={unit.code} />
        <Row label={t('units.col.kind')} value={unitKindLabel(t, unit.kind)} />
        <Row label={t('units.col.population')} value={formatNumber(unit.population, locale)} />
        <Row label={t('units.col.area')} value={formatNumber(unit.areaKm2, locale, 2)} />
        <Row label={t('units.col.mountainous')} value={unit.isMountainous ? t('common.yes') : t('common.no')} />
        <Row label={t('units.col.validFrom')} value={formatDate(unit.validFrom)} />
        {unit.validTo && <Row label={t('units.col.validTo')} value={formatDate(unit.validTo)} />}
        <Row label={t('units.col.createdBy')} value={unit.createdByResolution ?? ''} />
        <div>
          <dt>{t('units.col.staff')}</dt>
          <dd>
            {view.canSeeStaff && unit.isCurrent ? (
              <a href={`/staff?unitId=${unit.id}`}>{formatNumber(unit.staffCount, locale)}</a>
            ) : (
              formatNumber(unit.staffCount, locale)
            )}
          </dd>
        </div>
      </dl>

      {unit.successors.length > 0 && <LineageTable ctx={ctx} caption={t('units.mergedInto')} links={unit.successors} />}

      <h2>{t('units.formedFrom')}</h2>
      {unit.predecessors.length > 0 ? (
        <LineageTable ctx={ctx} caption={t('units.formedFrom')} links={unit.predecessors} />
      ) : (
        <p>{t('units.formedFrom.none')}</p>
      )}

      <h2>{t('units.bodies.title')}</h2>
      {unit.bodies.length > 0 ? (
        <table>
          <caption>{t('units.bodies.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('units.bodies.name')}</th>
              <th scope="col">{t('units.bodies.kind')}</th>
              <th scope="col">{t('units.bodies.fields')}</th>
              <th scope="col" class="num">
                {t('units.bodies.deputyQuota')}
              </th>
            </tr>
          </thead>
          <tbody>
            {unit.bodies.map((b) => (
              <tr>
                <th scope="row">{b.name}</th>
                <td>{bodyKindLabel(t, b.kind)}</td>
                <td>{b.fields.map((f) => fieldLabel(t, f)).join(', ')}</td>
                <td class="num">{formatNumber(b.deputyQuota, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('units.bodies.none')}</p>
      )}

      {view.canEdit && <EditForm ctx={ctx} unit={unit} />}
    </Layout>
  );
}
