import { hasMessage, type Locale, type MessageKey, type Translate } from '../../platform/i18n/index.ts';
import { formatNumber } from '../../platform/time/format.ts';
import type { FormulaKey } from '../dossiers/lifecycle/scorecard-766.ts';

// Every formula key has a message: a new key without one fails to compile here.
type FormulaMessage = `scorecard.formula.${FormulaKey}`;
const formulaMessage = (key: FormulaKey): FormulaMessage & MessageKey => `scorecard.formula.${key}`;

export type RenderedExplanation = {
  formula: FormulaKey;
  terms: Record<string, number>;
  /** The formula with its terms' values, in the reader's language. */
  text: string;
  /** The label of each term, in the reader's language. */
  termLabels: Record<string, string>;
};

/** A term's label; a term without a message (none today) shows its machine name rather than nothing. */
export function termLabel(t: Translate, name: string): string {
  const key = `scorecard.term.${name}`;
  return hasMessage(key) ? t(key) : name;
}

/**
 * An indicator's explanation for a reader: the machine-readable key and terms stay as they
 * are (API clients compute with them); the text and labels come from the i18n catalogue.
 */
export function renderExplanation(
  t: Translate,
  locale: Locale,
  e: { formula: FormulaKey; terms: Record<string, number> },
): RenderedExplanation {
  const params = Object.fromEntries(Object.entries(e.terms).map(([k, v]) => [k, formatNumber(v, locale, 2)]));
  const termLabels = Object.fromEntries(Object.keys(e.terms).map((k) => [k, termLabel(t, k)]));
  return { formula: e.formula, terms: e.terms, text: t(formulaMessage(e.formula), params), termLabels };
}
