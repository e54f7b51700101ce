import type { Actor } from '../../../platform/auth/actor.ts';
import type { SuppliedView } from '../pages/supplied.section.tsx';
import { periodOfRange, periodToken } from './supplied-counts.ts';
import { readSupplied, type SuppliedDeps } from './use-cases/supplied.ts';

/**
 * The hand-entered counts the scorecard page shows for a card: those of the card's scope and
 * period when its range is exactly one month, quarter or year; otherwise none (the page says
 * to choose one).
 */
export async function suppliedViewOf(
  deps: SuppliedDeps,
  actor: Actor,
  card: { unit: { code: string } | null; from: string; to: string },
  state: Pick<SuppliedView, 'saved' | 'error' | 'values'>,
): Promise<SuppliedView> {
  const period = periodOfRange(card);
  const list = period ? await readSupplied(deps, actor, card.unit?.code ?? 'province', periodToken(period)) : null;
  return { list, ...state, from: card.from, to: card.to };
}
