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

/**
 * The model in free MPS format, written without HiGHS (toMpsFormat in solve-plan.ts converts the
 * LP text with HiGHS-WASM, which runs out of memory on a national model): chunks handed to `write`
 * so a model of millions of non-zeros never becomes one string. Columns are written in order with
 * their non-zeros (the rows transposed once), integer columns between INTORG/INTEND markers; every
 * column gets its bounds (binaries as BV), so readers that default integers to [0, 1] read it alike.
 */
export function writeFreeMps(model: LinearModel, write: (chunk: string) => void): void {
  const n = model.vars.length;
  const counts = new Int32Array(n + 1);
  for (const r of model.rows) for (const [v, c] of r.terms) if (c !== 0) counts[v + 1] = (counts[v + 1] ?? 0) + 1;
  for (let j = 0; j < n; j++) counts[j + 1] = (counts[j + 1] ?? 0) + (counts[j] ?? 0);
  const rowOf = new Int32Array(counts[n] ?? 0);
  const coef = new Float64Array(counts[n] ?? 0);
  const at = counts.slice(0, n);
  model.rows.forEach((r, i) => {
    for (const [v, c] of r.terms) {
      if (c === 0) continue;
      const k = at[v] ?? 0;
      rowOf[k] = i;
      coef[k] = c;
      at[v] = k + 1;
    }
  });
  const buffer: string[] = [];
  const flush = () => {
    if (buffer.length > 0) write(`${buffer.join('\n')}\n`);
    buffer.length = 0;
  };
  const line = (s: string) => {
    buffer.push(s);
    if (buffer.length >= 10_000) flush();
  };
  line('NAME cadre');
  line('OBJSENSE');
  line(model.sense === 'maximize' ? '    MAX' : '    MIN');
  line('ROWS');
  line(' N  obj');
  for (const r of model.rows) line(` ${r.sense === '<=' ? 'L' : 'G'}  ${r.name}`);
  line('COLUMNS');
  let integer = false;
  let marker = 0;
  model.vars.forEach((v, j) => {
    const isInt = v.type !== 'continuous';
    if (isInt !== integer) {
      line(`    M${marker++} 'MARKER' ${isInt ? "'INTORG'" : "'INTEND'"}`);
      integer = isInt;
    }
    const entries: string[] = [];
    if (v.objective !== 0) entries.push(`obj ${lpNumber(v.objective)}`);
    for (let k = counts[j] ?? 0; k < (counts[j + 1] ?? 0); k++)
      entries.push(`${model.rows[rowOf[k] ?? 0]?.name} ${lpNumber(coef[k] ?? 0)}`);
    // A column in no row and without cost still has to be declared.
    if (entries.length === 0) entries.push('obj 0');
    for (const e of entries) line(`    ${v.name} ${e}`);
  });
  if (integer) line(`    M${marker} 'MARKER' 'INTEND'`);
  line('RHS');
  for (const r of model.rows) if (r.rhs !== 0) line(`    RHS ${r.name} ${lpNumber(r.rhs)}`);
  line('BOUNDS');
  for (const v of model.vars) {
    if (v.type === 'binary') {
      line(` BV BND ${v.name}`);
      continue;
    }
    if (v.lower !== 0) line(` LO BND ${v.name} ${lpNumber(v.lower)}`);
    line(Number.isFinite(v.upper) ? ` UP BND ${v.name} ${lpNumber(v.upper)}` : ` PL BND ${v.name}`);
  }
  line('ENDATA');
  flush();
}

/** writeFreeMps into one string (small models, tests). */
export function toFreeMps(model: LinearModel): string {
  const parts: string[] = [];
  writeFreeMps(model, (s) => parts.push(s));
  return parts.join('');
}
