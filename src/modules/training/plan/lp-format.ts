import type { MipRow, VarType } from './plan-model.ts';

/**
 * The plan model in CPLEX LP format: what highs' `solve(lpText)` and `createModel({ format: 'lp' })`
 * read, and the standard export the issue asks for (scipy/HiGHS, CPLEX, Gurobi and CBC read it too).
 * Names come from plan-model (letters, digits and `_`, never starting with a digit), so no escaping
 * is needed. Long rows are wrapped: in LP format a line that starts with a space continues the
 * expression, and some readers limit a line to 255 characters.
 */

const LINE = 200;

/** What the writer needs of a model: the per-person `Mip`, the aggregated model and their relaxations all fit. */
export type LinearModel = {
  sense: 'maximize' | 'minimize';
  vars: readonly { name: string; type: VarType; lower: number; upper: number; objective: number }[];
  rows: readonly MipRow[];
};

/** A number as LP text: integers as such, others with enough digits to round-trip. */
export function lpNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`LP coefficient must be finite, got ${n}`);
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

function expression(terms: readonly (readonly [string, number])[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [name, coef] of terms) {
    if (coef === 0) continue;
    const sign = coef < 0 ? '-' : '+';
    const abs = Math.abs(coef);
    const term = `${line === '' && lines.length === 0 ? (sign === '-' ? '- ' : '') : `${sign} `}${abs === 1 ? '' : `${lpNumber(abs)} `}${name}`;
    if (line.length + term.length + 1 > LINE) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? term : `${line} ${term}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line === '' ? '0' : line);
  return lines;
}

export function toLpFormat(model: LinearModel): string {
  const out: string[] = [];
  out.push(model.sense === 'maximize' ? 'Maximize' : 'Minimize');
  const obj = model.vars.map((v): [string, number] => [v.name, v.objective]).filter(([, c]) => c !== 0);
  // An empty objective still needs a term for some readers; 0 times the first column keeps the file valid.
  const objLines = obj.length > 0 ? expression(obj) : model.vars[0] ? [`0 ${model.vars[0].name}`] : ['0'];
  out.push(` obj: ${objLines[0]}`, ...objLines.slice(1).map((l) => `  ${l}`));
  out.push('Subject To');
  for (const row of model.rows) {
    const terms = row.terms.map(([v, c]): [string, number] => [model.vars[v]?.name ?? `v${v}`, c]);
    const lines = expression(terms);
    const last = lines.length - 1;
    lines.forEach((l, i) => {
      const head = i === 0 ? ` ${row.name}: ` : '  ';
      out.push(`${head}${l}${i === last ? ` ${row.sense} ${lpNumber(row.rhs)}` : ''}`);
    });
  }
  out.push('Bounds');
  for (const v of model.vars) {
    if (v.type === 'binary') continue;
    out.push(` ${lpNumber(v.lower)} <= ${v.name} <= ${Number.isFinite(v.upper) ? lpNumber(v.upper) : '+inf'}`);
  }
  const ints = model.vars.filter((v) => v.type === 'integer').map((v) => v.name);
  const bins = model.vars.filter((v) => v.type === 'binary').map((v) => v.name);
  if (ints.length > 0) out.push('Generals', ...wrapNames(ints));
  if (bins.length > 0) out.push('Binaries', ...wrapNames(bins));
  out.push('End', '');
  return out.join('\n');
}

function wrapNames(names: readonly string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const n of names) {
    if (line.length + n.length + 1 > LINE) {
      lines.push(` ${line}`);
      line = '';
    }
    line = line === '' ? n : `${line} ${n}`;
  }
  if (line !== '') lines.push(` ${line}`);
  return lines;
}
