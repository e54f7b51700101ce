/**
 * Annual dossier forecast from a monthly history, pure (issue 5 §4). Classical decomposition:
 *
 *  - The history is a run of consecutive calendar months (months without dossiers count as 0),
 *    t = 0 … n − 1 from its first month.
 *  - n ≥ 24 months: multiplicative seasonal indices. A centred 12-month moving average
 *      CMA_t = (½·y[t−6] + y[t−5] + … + y[t+5] + ½·y[t+6]) / 12     for t = 6 … n − 7
 *    gives ratios r_t = y_t / CMA_t (skipped where CMA_t = 0); the raw index of a calendar month
 *    is the mean of its ratios (1 when it has none), and the 12 indices are scaled so that they
 *    average exactly 1: S_m = raw_m × 12 / Σ raw (all 1 when Σ raw = 0).
 *    Fewer than 24 months: no seasonality (S_m = 1), two cycles being the least from which a
 *    month's pattern can be told apart from noise.
 *  - n ≥ 6 months: linear trend fitted by least squares on the deseasonalised series
 *    d_t = y_t / S_m(t):  b = Σ(t − t̄)(d_t − d̄) / Σ(t − t̄)²,  a = d̄ − b·t̄.
 *    Months whose index is 0 carry no level information and are left out of the fit.
 *    Monthly forecast F_t = max(0, (a + b·t) × S_m(t)): a negative dossier count means nothing,
 *    so a falling trend stops at 0 (and an annual total is therefore never below 0).
 *  - Fewer than 6 months: flat. Every year gets the run's annualised workload as given.
 *  - Annual total of a year = Σ of its 12 monthly forecasts, including months already in the
 *    history, so every year is a point of the same fitted curve.
 *  - Nothing is rounded; the trace writes each formula with the values put in.
 */

export const FORECAST_METHODS = ['SEASONAL_TREND', 'TREND', 'FLAT'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Least history for a trend, and for seasonal indices (two full cycles). */
export const MIN_MONTHS_TREND = 6;
export const MIN_MONTHS_SEASONAL = 24;

export type MonthCount = { month: string; count: number };
export type TraceLine = { step: string; formula: string; values: string };

export type Forecast = {
  method: ForecastMethod;
  /** Months of history used. */
  months: number;
  /** First month of the history ('YYYY-MM'), t = 0; null without history. */
  origin: string | null;
  /** Trend coefficients (dossiers per month at t = 0, and per month of t); null when flat. */
  intercept: number | null;
  slope: number | null;
  /** S_1 … S_12 (January first); null without seasonality. */
  seasonalIndices: number[] | null;
  annual: { year: number; total: number }[];
  trace: TraceLine[];
};

const n = (x: number): string => String(x);

/** 'YYYY-MM' → months since year 0 (a plain integer axis). */
export function monthIndex(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return y * 12 + (m - 1);
}

export function monthOfIndex(i: number): string {
  const y = Math.floor(i / 12);
  const m = i - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Centred 12-month moving average at t (needs 6 months either side). */
function centredMovingAverage(y: number[], t: number): number {
  let sum = 0.5 * (y[t - 6] as number) + 0.5 * (y[t + 6] as number);
  for (let k = t - 5; k <= t + 5; k++) sum += y[k] as number;
  return sum / 12;
}

function seasonalIndices(y: number[], firstMonth: number, trace: TraceLine[]): number[] {
  const ratios: number[][] = Array.from({ length: 12 }, () => []);
  for (let t = 6; t <= y.length - 7; t++) {
    const cma = centredMovingAverage(y, t);
    if (cma > 0) ratios[(firstMonth + t) % 12]?.push((y[t] as number) / cma);
  }
  const raw = ratios.map((r) => (r.length === 0 ? 1 : r.reduce((s, v) => s + v, 0) / r.length));
  const total = raw.reduce((s, v) => s + v, 0);
  const indices = total > 0 ? raw.map((v) => (v * 12) / total) : raw.map(() => 1);
  trace.push({
    step: 'CMA',
    formula: 'CMA_t = (½·y[t−6] + y[t−5] + … + y[t+5] + ½·y[t+6]) / 12; r_t = y_t / CMA_t',
    values: `${ratios.reduce((s, r) => s + r.length, 0)} ratios for t = 6 … ${y.length - 7}`,
  });
  trace.push({
    step: 'S',
    formula: 'S_m = mean(r_t of month m) × 12 / Σ_m mean(r_t of month m)',
    values: `raw = [${raw.map(n).join(', ')}], Σ = ${n(total)} → S = [${indices.map(n).join(', ')}]`,
  });
  return indices;
}

/**
 * The forecast of one series for `years`. `history` must be consecutive months in order;
 * `flatAnnual` is the run's annualised workload, used when the history is too short.
 */
export function forecastAnnual(history: MonthCount[], years: number[], flatAnnual: number): Forecast {
  const trace: TraceLine[] = [];
  const months = history.length;
  const origin = history[0]?.month ?? null;
  if (months < MIN_MONTHS_TREND || origin === null) {
    trace.push({
      step: 'flat',
      formula: `fewer than ${MIN_MONTHS_TREND} months of history: annual = the run's annualised workload`,
      values: `${months} months → ${n(flatAnnual)} per year`,
    });
    return {
      method: 'FLAT',
      months,
      origin,
      intercept: null,
      slope: null,
      seasonalIndices: null,
      annual: years.map((year) => ({ year, total: Math.max(0, flatAnnual) })),
      trace,
    };
  }

  const first = monthIndex(origin);
  const y = history.map((h) => h.count);
  const seasonal = months >= MIN_MONTHS_SEASONAL ? seasonalIndices(y, first % 12, trace) : null;
  const S = (t: number) => (seasonal ? (seasonal[(first + t) % 12] as number) : 1);

  const points: { t: number; d: number }[] = [];
  y.forEach((v, t) => {
    const s = S(t);
    if (s > 0) points.push({ t, d: v / s });
  });
  const tBar = points.reduce((s, p) => s + p.t, 0) / points.length;
  const dBar = points.reduce((s, p) => s + p.d, 0) / points.length;
  const sxy = points.reduce((s, p) => s + (p.t - tBar) * (p.d - dBar), 0);
  const sxx = points.reduce((s, p) => s + (p.t - tBar) ** 2, 0);
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = dBar - slope * tBar;
  trace.push({
    step: 'trend',
    formula: seasonal
      ? 'd_t = y_t / S_m(t); b = Σ(t − t̄)(d_t − d̄) / Σ(t − t̄)²; a = d̄ − b·t̄'
      : 'b = Σ(t − t̄)(y_t − ȳ) / Σ(t − t̄)²; a = ȳ − b·t̄',
    values: `t = 0 (${origin}) … ${months - 1}; t̄ = ${n(tBar)}, d̄ = ${n(dBar)}, Σxy = ${n(sxy)}, Σxx = ${n(sxx)} → b = ${n(slope)}, a = ${n(intercept)}`,
  });

  const annual = years.map((year) => {
    let total = 0;
    for (let m = 0; m < 12; m++) {
      const t = year * 12 + m - first;
      total += Math.max(0, (intercept + slope * t) * S(t));
    }
    const t0 = year * 12 - first;
    trace.push({
      step: `F[${year}]`,
      formula: seasonal ? 'Σ_{m=1..12} max(0, (a + b·t) × S_m)' : 'Σ_{m=1..12} max(0, a + b·t)',
      values: `t = ${t0} … ${t0 + 11} → ${n(total)}`,
    });
    return { year, total };
  });

  return { method: seasonal ? 'SEASONAL_TREND' : 'TREND', months, origin, intercept, slope, seasonalIndices: seasonal, annual, trace };
}
