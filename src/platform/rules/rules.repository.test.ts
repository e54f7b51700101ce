import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { AuditMeta } from '../audit/audited.ts';
import type { Actor } from '../auth/actor.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { AppError } from '../errors/app-error.ts';
import { listRuleHistory } from './rules.repository.ts';
import { getRule, getRuleInForce, getRules, setRule } from './rules.ts';

describe.each(testDialects())('rules store on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let meta: AuditMeta;

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const admin = f.users.province_admin;
    if (!admin) throw new Error('fixture has no province_admin');
    const actor: Actor = {
      userId: admin.userId,
      username: admin.username,
      displayName: 'Admin',
      role: admin.role,
      provinceCode: 'T1',
      unitId: null,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
    meta = { actor, requestId: 'req-rules', at: NOW, provinceCode: 'T1' };
  });
  afterAll(async () => h?.close());

  const audits = () => h.db.selectFrom('auditLog').selectAll().where('action', '=', 'rule.set').orderBy('seq').execute();

  it('answers the registry default, with its source note, from an empty table', async () => {
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2026-03-02')).toBe(15);
    const inForce = await getRuleInForce(h.db, 'calendar.officeHours', 'T1', '2026-03-02');
    expect(inForce).toMatchObject({
      origin: 'default',
      effectiveFrom: null,
      value: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    });
    expect(inForce.sourceNote).toContain('Decision 188/1999');
  });

  it('stores versions and resolves them by date, province before nation', async () => {
    await setRule(h.db, meta, {
      key: 'calendar.cutoffHour',
      provinceCode: '',
      value: 16,
      effectiveFrom: '2026-01-01',
      sourceNote: 'Văn bản thử 1',
    });
    await setRule(h.db, meta, {
      key: 'calendar.cutoffHour',
      provinceCode: 'T1',
      value: 14,
      effectiveFrom: '2026-06-01',
      sourceNote: 'Quyết định của tỉnh',
    });
    await setRule(h.db, meta, {
      key: 'calendar.cutoffHour',
      provinceCode: '',
      value: 17,
      effectiveFrom: '2026-09-01',
      sourceNote: 'Văn bản thử 2',
    });
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2025-12-31')).toBe(15);
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2026-01-01')).toBe(16);
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2026-06-01')).toBe(14);
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2026-12-01')).toBe(14);
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T2', '2026-06-01')).toBe(16);
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T2', '2026-12-01')).toBe(17);
    expect(await getRule(h.db, 'calendar.cutoffHour', '', '2026-12-01')).toBe(17);
    const provincial = await getRuleInForce(h.db, 'calendar.cutoffHour', 'T1', '2026-07-01');
    expect(provincial).toMatchObject({ origin: 'province', effectiveFrom: '2026-06-01', sourceNote: 'Quyết định của tỉnh' });
  });

  it('reads several rules in one call, mixing stored versions and defaults', async () => {
    const rules = await getRules(
      h.db,
      ['calendar.cutoffHour', 'calendar.saturdaysCount', 'dossier.apologyLeadWorkingDays'],
      'T1',
      '2026-07-01',
    );
    expect(rules['calendar.cutoffHour'].value).toBe(14);
    expect(rules['calendar.saturdaysCount']).toMatchObject({ value: false, origin: 'default' });
    expect(rules['dossier.apologyLeadWorkingDays'].value).toBe(1);
  });

  it('audits each change with the version it supersedes, and records who made it', async () => {
    const entries = await audits();
    expect(entries).toHaveLength(3);
    expect(entries[1]).toMatchObject({
      actorUsername: 'province_admin',
      entityType: 'rule_value',
      entityId: 'T1:calendar.cutoffHour:2026-06-01',
      requestId: 'req-rules',
    });
    expect(JSON.parse(entries[1]?.before ?? '{}')).toMatchObject({ provinceCode: '', value: 16, effectiveFrom: '2026-01-01' });
    expect(JSON.parse(entries[1]?.after ?? '{}')).toMatchObject({ provinceCode: 'T1', value: 14 });
    expect(JSON.parse(entries[0]?.before ?? '{}')).toEqual({ value: 15, origin: 'default' });
    const history = await listRuleHistory(h.db, 'calendar.cutoffHour', 'T1');
    expect(history.map((r) => [r.provinceCode, r.effectiveFrom])).toEqual([
      ['', '2026-09-01'],
      ['T1', '2026-06-01'],
      ['', '2026-01-01'],
    ]);
    expect(history.every((r) => r.createdBy === f.users.province_admin?.userId)).toBe(true);
  });

  it('corrects a version with the same date in place, keeping one row', async () => {
    await setRule(h.db, meta, {
      key: 'calendar.cutoffHour',
      provinceCode: 'T1',
      value: 15,
      effectiveFrom: '2026-06-01',
      sourceNote: 'Đính chính',
    });
    expect(await getRule(h.db, 'calendar.cutoffHour', 'T1', '2026-07-01')).toBe(15);
    expect((await listRuleHistory(h.db, 'calendar.cutoffHour', 'T1')).filter((r) => r.provinceCode === 'T1')).toHaveLength(1);
    const last = (await audits()).at(-1);
    expect(JSON.parse(last?.before ?? '{}')).toMatchObject({ value: 14, replaced: true });
  });

  it('stores structured values and gives them back typed', async () => {
    const hours = [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ];
    await setRule(h.db, meta, {
      key: 'calendar.officeHours',
      provinceCode: 'T1',
      value: hours,
      effectiveFrom: '2026-01-01',
      sourceNote: 'Quy định giờ làm việc của tỉnh',
    });
    expect(await getRule(h.db, 'calendar.officeHours', 'T1', '2026-02-01')).toEqual(hours);
    expect(await getRule(h.db, 'calendar.officeHours', 'T2', '2026-02-01')).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]);
  });

  it('refuses a value outside the rule’s schema, a bad date or no source, and writes nothing', async () => {
    const before = (await audits()).length;
    for (const input of [
      { value: 25, effectiveFrom: '2026-01-01', sourceNote: 'x' },
      { value: '15', effectiveFrom: '2026-01-01', sourceNote: 'x' },
      { value: 15, effectiveFrom: '2026-13-01', sourceNote: 'x' },
      { value: 15, effectiveFrom: '2026-01-01', sourceNote: '   ' },
    ]) {
      const attempt = setRule(h.db, meta, { key: 'calendar.cutoffHour', provinceCode: 'T2', ...input });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(setRule(h.db, meta, { key: 'calendar.cutoffHour', provinceCode: 'T2', ...input })).rejects.toMatchObject({
        code: 'RULE_VALUE_INVALID',
        status: 400,
      });
    }
    expect((await audits()).length).toBe(before);
    expect((await listRuleHistory(h.db, 'calendar.cutoffHour', 'T2')).filter((r) => r.provinceCode === 'T2')).toEqual([]);
  });

  it('checks an expected revision atomically; without one (system and seed code) a same-day version is replaced as before', async () => {
    const base = { key: 'dossier.nearDueWorkingDays' as const, provinceCode: 'T1', effectiveFrom: '2026-08-01', sourceNote: 'Văn bản thử' };
    const stored = async () => (await listRuleHistory(h.db, base.key, 'T1')).find((r) => r.effectiveFrom === base.effectiveFrom);
    await setRule(h.db, meta, { ...base, value: 1, expectedRevision: 0 });
    expect(await stored()).toMatchObject({ valueJson: '1', revision: 1 });
    await expect(setRule(h.db, meta, { ...base, value: 2, expectedRevision: 0 })).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      status: 409,
    });
    await setRule(h.db, meta, { ...base, value: 2 });
    expect(await stored()).toMatchObject({ valueJson: '2', revision: 2 });
    await expect(setRule(h.db, meta, { ...base, value: 3, expectedRevision: 1 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });

    const results = await Promise.allSettled([4, 5].map((value) => setRule(h.db, meta, { ...base, value, expectedRevision: 2 })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' ? lost.reason : null).toMatchObject({ code: 'VERSION_CONFLICT' });
    const won = results[0]?.status === 'fulfilled' ? '4' : '5';
    expect(await stored()).toMatchObject({ valueJson: won, revision: 3 });

    // Two first versions of a day, both expecting none: the unique key lets one in.
    const first = await Promise.allSettled(
      [1, 2].map((value) => setRule(h.db, meta, { ...base, effectiveFrom: '2026-08-15', value, expectedRevision: 0 })),
    );
    expect(first.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = first.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' ? loser.reason : null).toMatchObject({ code: 'VERSION_CONFLICT' });
  });

  it('fails loudly on a stored value that no longer matches its schema', async () => {
    await h.db
      .insertInto('ruleValues')
      .values({
        provinceCode: 'T9',
        key: 'calendar.saturdaysCount',
        value: '"yes"',
        effectiveFrom: '2026-01-01',
        sourceNote: 'hand edit',
        createdAt: NOW,
        createdBy: null,
      })
      .execute();
    await expect(getRule(h.db, 'calendar.saturdaysCount', 'T9', '2026-02-01')).rejects.toThrow(/does not match/);
  });
});
