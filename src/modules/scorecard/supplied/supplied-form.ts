import { type PutSuppliedBody, PutSuppliedBodySchema, type SuppliedList } from './supplied.schemas.ts';

export type FormValues = Record<string, string>;

/**
 * The scorecard page's form as a PUT body. Each editable indicator has four fields:
 * `n.<code>`, `d.<code>`, `s.<code>` (numerator, denominator, source) and `v.<code>` (the
 * version shown), and `c.<code>` (a box to clear a stored row). A row left blank, or sent back
 * unchanged, is not an edit: it is left out, so re-saving the form does not re-stamp who entered
 * untouched figures.
 */
export function bodyOfForm(
  form: FormValues,
  list: SuppliedList,
): { kind: 'ok'; body: PutSuppliedBody } | { kind: 'empty' } | { kind: 'invalid'; fields: string[] } {
  const items: Record<string, string | boolean>[] = [];
  for (const i of list.items.filter((x) => x.editable)) {
    const code = i.indicator;
    const n = (form[`n.${code}`] ?? '').trim();
    const d = (form[`d.${code}`] ?? '').trim();
    const s = (form[`s.${code}`] ?? '').trim();
    const e = i.entry;
    // The clear box wins over the values typed beside it: the person asked to remove the row.
    if (e && form[`c.${code}`]) {
      items.push({ indicator: code, clear: true, version: form[`v.${code}`] ?? '0' });
      continue;
    }
    if (n === '' && d === '' && s === '') continue;
    if (e && n === String(e.numerator) && d === String(e.denominator) && s === e.sourceNote) continue;
    items.push({ indicator: code, numerator: n, denominator: d, sourceNote: s, version: form[`v.${code}`] ?? '0' });
  }
  if (items.length === 0) return { kind: 'empty' };
  const parsed = PutSuppliedBodySchema.safeParse({ items });
  if (parsed.success) return { kind: 'ok', body: parsed.data };
  const FIELD = { numerator: 'n', denominator: 'd', sourceNote: 's', version: 'v', indicator: 'n' } as const;
  const fields = parsed.error.issues.map((issue) => {
    const [, index, field] = issue.path.map(String);
    const code = String(items[Number(index)]?.indicator ?? '');
    return `${FIELD[field as keyof typeof FIELD] ?? 'n'}.${code}`;
  });
  return { kind: 'invalid', fields: [...new Set(fields)] };
}
