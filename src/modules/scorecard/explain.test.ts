import { describe, expect, it } from 'vitest';
import { hasMessage, LOCALES, translator } from '../../platform/i18n/index.ts';
import { DEFAULT_SCORECARD_766_CONFIG } from '../../platform/rules/defaults/scorecard-766.config.ts';
import { computeScorecard766, FORMULA_KEYS } from '../dossiers/lifecycle/scorecard-766.ts';
import { renderExplanation } from './explain.ts';
import { outsideCounts } from './use-cases/compute-scorecard.ts';

const MARCH = { start: new Date('2026-02-28T17:00:00Z'), end: new Date('2026-03-31T17:00:00Z') };

/** Every explanation the scorer and the use case produce: dossier formulas, catalogue/PAKN ones, supplied and not supplied. */
function allExplanations() {
  const card = computeScorecard766([], MARCH, DEFAULT_SCORECARD_766_CONFIG, { '1.1': { numerator: 1, denominator: 2 } });
  const fromCard = card.groups.flatMap((g) => g.indicators.map((i) => i.explanation));
  const outside = Object.values(
    outsideCounts({ received: 7, onTime: 2, pending: 3 }, { inScope: 4, offeredOnline: 3, usedOnline: 1 }),
  ).flatMap((c) => (c ? [{ formula: c.formula, terms: c.terms }] : []));
  return [...fromCard, ...outside, { formula: 'supplied' as const, terms: { numerator: 3, denominator: 4, entries: 2, units: 2 } }];
}

describe('translated 766 explanations', () => {
  it('covers every formula key', () => {
    expect(new Set(allExplanations().map((e) => e.formula))).toEqual(new Set(FORMULA_KEYS));
  });

  it('renders every formula and term in vi, en and id with all placeholders filled', () => {
    for (const e of allExplanations()) {
      for (const term of Object.keys(e.terms)) expect(hasMessage(`scorecard.term.${term}`), term).toBe(true);
      const texts = LOCALES.map((l) => renderExplanation(translator(l), l, e).text);
      for (const text of texts) expect(text, `${e.formula}: ${text}`).not.toMatch(/[{}]/);
      // Three languages, three texts (no message fell back to another language).
      expect(new Set(texts).size, e.formula).toBe(3);
    }
  });

  it('puts the values into the text and keeps the machine-readable key and terms', () => {
    const e = {
      formula: 'onTime' as const,
      terms: { onTime: 2, toProcess: 5, lateInProcess: 2, lateProcessed: 1, received: 4, carriedOver: 1 },
    };
    const en = renderExplanation(translator('en'), 'en', e);
    expect(en.formula).toBe('onTime');
    expect(en.terms).toEqual(e.terms);
    expect(en.text).toBe(
      'on time 2 = to process 5 − late in process 2 − late processed 1; to process = received in the period 4 + carried over 1; rate = 2 ÷ 5',
    );
    expect(renderExplanation(translator('vi'), 'vi', e).text).toMatch(/^Đúng hạn 2 = cần giải quyết 5/);
    expect(en.termLabels).toMatchObject({ onTime: 'On time', carriedOver: 'Carried over' });
    // Large counts use the locale's grouping.
    const big = renderExplanation(translator('vi'), 'vi', { formula: 'supplied', terms: { numerator: 12_345, denominator: 20_000 } });
    expect(big.text).toBe('Số liệu nhập bổ sung: 12.345 ÷ 20.000');
  });
});
