import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { optionsOf, type SearchField, SearchForm } from './search-form.tsx';
import type { ViewContext } from './view-context.ts';

const ctx: ViewContext = { t: translator('en'), locale: 'en', actor: null, csrfToken: 'token', path: '/things', requestId: 'req' };
const t = ctx.t;

const values = {
  q: 'Phú "Xuân"',
  kind: 'B',
  unitId: 7,
  empty: undefined,
  inForceOn: '2026-01-02',
  orgBodyId: 3,
  absent: undefined,
  page: 2,
};
// Labels are real catalogue keys, so the expected texts come from the English catalogue.
const fields: SearchField<keyof typeof values>[] = [
  { type: 'search', name: 'q', label: 'units.search' },
  {
    type: 'select',
    name: 'kind',
    label: 'units.filter.kind',
    all: 'units.filter.kindAll',
    options: optionsOf(['A', 'B'], (k) => `Kind ${k}`),
  },
  { type: 'select', name: 'unitId', id: 'unit', label: 'staff.filter.unit', options: [{ value: 7, label: 'Seven' }] },
  { type: 'select', name: 'empty', label: 'staff.filter.rank', all: 'staff.filter.rankAll', options: [] },
  { type: 'date', name: 'inForceOn', id: 'date', label: 'procedures.filter.inForceOn' },
  { type: 'hidden', name: 'orgBodyId' },
  { type: 'hidden', name: 'absent' },
];

function render(props: Partial<Parameters<typeof SearchForm<typeof values>>[0]> = {}): string {
  return renderToString(
    <SearchForm ctx={ctx} action="/things" idPrefix="things" fields={fields} values={values} results="thing-results" {...props} />,
  );
}

/** The opening tag of the form, whose attributes carry the htmx wiring. */
const formTag = (html: string) => html.match(/<form[^>]*>/)?.[0];

describe('SearchForm', () => {
  it('labels every field and builds its id from the prefix and the field id or name', () => {
    const html = render();
    expect(html).toContain(
      `<label for="things-q">${t('units.search')}<input id="things-q" type="search" name="q" value="Phú &quot;Xuân&quot;" maxlength="100" autocomplete="off"/></label>`,
    );
    expect(html).toContain(`<label for="things-kind">${t('units.filter.kind')}<select id="things-kind" name="kind">`);
    expect(html).toContain(`<label for="things-unit">${t('staff.filter.unit')}<select id="things-unit" name="unitId">`);
    expect(html).toContain(
      `<label for="things-date">${t('procedures.filter.inForceOn')}<input id="things-date" type="date" name="inForceOn" value="2026-01-02"/></label>`,
    );
  });

  it('marks the current option, offers "all" only when asked, and compares numbers as strings', () => {
    const html = render();
    expect(html).toContain(
      `<select id="things-kind" name="kind"><option value>${t('units.filter.kindAll')}</option><option value="A">Kind A</option><option value="B" selected>Kind B</option></select>`,
    );
    expect(html).toContain('<select id="things-unit" name="unitId"><option value="7" selected>Seven</option></select>');
    expect(render({ values: { ...values, kind: 'C' } })).toContain('<option value="B">Kind B</option>');
  });

  it('leaves out a select with nothing to choose from', () => {
    expect(render()).not.toContain('things-empty');
  });

  it('refreshes the results after a pause while typing and at once on any other change', () => {
    expect(formTag(render())).toBe(
      '<form method="get" action="/things" class="filters" hx-get="/things" hx-target="#thing-results" hx-swap="outerHTML" hx-push-url="true" ' +
        'hx-trigger="submit, input changed delay:400ms from:#things-q, change from:#things-kind, change from:#things-unit, change from:#things-date">',
    );
  });

  it('keeps hidden filters that have a value and drops the others', () => {
    const html = render();
    expect(html).toContain('<input type="hidden" name="orgBodyId" value="3"/>');
    expect(html).not.toContain('absent');
    expect(html).not.toContain('name="page"');
  });

  it('is a plain GET form without a results target, with the default or a given button label and accessible name', () => {
    const plain = render({ results: undefined });
    expect(formTag(plain)).toBe('<form method="get" action="/things" class="filters">');
    expect(plain).toMatch(new RegExp(`^<search>.*<button type="submit">${t('common.search')}</button></form></search>$`));

    const named = render({ label: 'processing.inbox.filters', submitLabel: 'processing.inbox.apply' });
    expect(formTag(named)).toContain(` aria-label="${t('processing.inbox.filters')}" `);
    expect(named).toContain(`<button type="submit">${t('processing.inbox.apply')}</button>`);
  });

  it('places extra children before the submit button', () => {
    const html = renderToString(
      <SearchForm ctx={ctx} action="/things" idPrefix="things" fields={[]} values={{}}>
        <output id="extra">x</output>
      </SearchForm>,
    );
    expect(html).toContain('<output id="extra">x</output><button type="submit">');
  });
});
