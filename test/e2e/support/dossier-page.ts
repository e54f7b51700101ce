import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectLanded, visibleText } from './browser.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text of the first <dd> after the <dt> with exactly this label (plain `dl`s, as on the dossier and tracking pages). */
export async function ddAfter(page: Page, term: string, scope = 'main'): Promise<string> {
  const dt = page.locator(`${scope} dt`, { hasText: new RegExp(`^${escapeRegExp(term)}$`) }).first();
  return visibleText(dt.locator('xpath=following-sibling::dd[1]'));
}

/** The "what" column of the dossier page's timeline, in order. */
export async function timelineWhat(page: Page): Promise<string[]> {
  const table = page.locator('main table', { has: page.locator('caption', { hasText: /^Quá trình xử lý$/ }) });
  return (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
}

/**
 * Presses the processing panel's button for one action (its label), with a note, and
 * checks the dossier page it redirects back to: size, axe and the "done" notice.
 */
export async function takeAction(page: Page, actionLabel: string, who: string): Promise<void> {
  const form = page.locator('form.inline-action', { has: page.getByRole('button', { name: actionLabel, exact: true }) });
  expect(await form.count(), `${who}: the panel offers "${actionLabel}"`).toBe(1);
  await form.locator('input[name=note]').fill(`${who}: ${actionLabel}`);
  await form.getByRole('button', { name: actionLabel, exact: true }).click();
  await page.waitForURL(/\/dossiers\/\d+\?done=/);
  await expectLanded(page, `${who} after ${actionLabel}`);
  expect(await visibleText(page.locator('main [role=status]')), `${who}: notice after ${actionLabel}`).toContain(actionLabel);
}

/** The action buttons the processing panel shows now. */
export async function offeredActions(page: Page): Promise<string[]> {
  return (await page.locator('form.inline-action button[type=submit]').allInnerTexts()).map((s) => s.trim());
}
