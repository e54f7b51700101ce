import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import type { ViewContext } from './view-context.ts';

export type SearchOption = { value: string | number; label: string };

type LabelledField<N extends string> = {
  /** The query parameter; the field's current value is `values[name]`. */
  name: N;
  label: MessageKey;
  /** The element id is `<idPrefix>-<id>`, the name when absent. Browser tests and htmx triggers rely on these ids. */
  id?: string;
};

/** Free text: the results refresh while the user types. */
export type SearchTextField<N extends string = string> = LabelledField<N> & { type: 'search' };
/** A date picker, e.g. "in force on". */
export type SearchDateField<N extends string = string> = LabelledField<N> & { type: 'date' };
/** A select with no options (e.g. the unit filter of a user who sees a single unit) is left out. */
export type SearchSelectField<N extends string = string> = LabelledField<N> & {
  type: 'select';
  options: readonly SearchOption[];
  /** Label of a leading empty option meaning "no filter"; without it one of the options is always chosen. */
  all?: MessageKey;
};
/** Carries a filter the form does not show (e.g. from a link) across searches; left out while it has no value. */
export type SearchHiddenField<N extends string = string> = { type: 'hidden'; name: N };

/** `N` is the set of parameter names the page's values have, so a misspelt name does not compile. */
export type SearchField<N extends string = string> = SearchTextField<N> | SearchDateField<N> | SearchSelectField<N> | SearchHiddenField<N>;

type SearchFormProps<V extends object> = {
  ctx: ViewContext;
  /** The list page's own URL: a plain GET form that works without JavaScript. */
  action: string;
  idPrefix: string;
  fields: readonly SearchField<keyof V & string>[];
  /** Current values by field name, usually the parsed query. */
  values: V;
  /** Id of the results element; with it htmx swaps just the results in place and pushes the URL. */
  results?: string;
  /** Accessible name of the form. */
  label?: MessageKey;
  /** Defaults to common.search. */
  submitLabel?: MessageKey;
  /** Anything special a page needs, placed before the submit button. */
  children?: ComponentChildren;
};

/** The options of a select from a list of values and how each one is labelled. */
export function optionsOf<V extends string | number>(values: readonly V[], label: (value: V) => string): SearchOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

const fieldId = (idPrefix: string, field: LabelledField<string>) => `${idPrefix}-${field.id ?? field.name}`;

/** Typing refreshes after a pause; choices and dates refresh at once. */
export function searchTrigger(idPrefix: string, fields: readonly SearchField[]): string {
  const events = fields.flatMap((f) => {
    if (f.type === 'hidden') return [];
    const from = `from:#${fieldId(idPrefix, f)}`;
    return [f.type === 'search' ? `input changed delay:400ms ${from}` : `change ${from}`];
  });
  return ['submit', ...events].join(', ');
}

function textOf(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function Field({ ctx, idPrefix, field, value }: { ctx: ViewContext; idPrefix: string; field: SearchField; value: string | undefined }) {
  if (field.type === 'hidden') return value === undefined ? null : <input type="hidden" name={field.name} value={value} />;
  const id = fieldId(idPrefix, field);
  return (
    <label for={id}>
      {ctx.t(field.label)}
      {field.type === 'search' && <input id={id} type="search" name={field.name} value={value ?? ''} maxLength={100} autocomplete="off" />}
      {field.type === 'date' && <input id={id} type="date" name={field.name} value={value} />}
      {field.type === 'select' && (
        <select id={id} name={field.name}>
          {field.all !== undefined && <option value="">{ctx.t(field.all)}</option>}
          {field.options.map((o) => (
            <option value={String(o.value)} selected={String(o.value) === value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}

/** The filter form above a list; the results element below it belongs to the page. */
export function SearchForm<V extends object>({
  ctx,
  action,
  idPrefix,
  fields,
  values,
  results,
  label,
  submitLabel,
  children,
}: SearchFormProps<V>) {
  const shown = fields.filter((f) => f.type !== 'select' || f.options.length > 0);
  const htmx = results
    ? {
        'hx-get': action,
        'hx-target': `#${results}`,
        'hx-swap': 'outerHTML',
        'hx-push-url': 'true',
        'hx-trigger': searchTrigger(idPrefix, shown),
      }
    : {};
  return (
    <search>
      <form method="get" action={action} class="filters" aria-label={label && ctx.t(label)} {...htmx}>
        {shown.map((field) => (
          <Field ctx={ctx} idPrefix={idPrefix} field={field} value={textOf(values[field.name])} />
        ))}
        {children}
        <button type="submit">{ctx.t(submitLabel ?? 'common.search')}</button>
      </form>
    </search>
  );
}
