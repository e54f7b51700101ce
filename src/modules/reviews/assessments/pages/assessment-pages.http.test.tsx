import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../../test/support/fixture.ts';
import { insertCampaign, insertParticipant } from '../assessments.fixtures.ts';

describe.each(testDialects())('assessment pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const post = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      // The forms carry the sheet version they were rendered with; every scenario starts at 1.
      payload: new URLSearchParams({ version: '1', ...fields, _csrf: user(name).csrf }).toString(),
    });
  const db = () => t.database.db;
  const url = (c: { campaignId: number; participantId: number }, step: string) =>
    `/reviews/campaigns/${c.campaignId}/participants/${c.participantId}/${step}`;

  /** A fresh commune-A campaign at `status` with staffA (field_specialist_a's record) as its one participant. */
  const scenario = async (status: string, name = `Đợt ${status}`) => {
    const campaignId = await insertCampaign(db(), { ownerUnitId: t.fixture.unitA, status, name }, NOW);
    const participantId = await insertParticipant(db(), { campaignId, staffId: t.fixture.staffA, unitId: t.fixture.unitA }, NOW);
    return { campaignId, participantId };
  };
  const levels = (participantId: number) =>
    db().selectFrom('reviewCompetencyLevels').selectAll().where('participantId', '=', participantId).orderBy('competencyCode').execute();
  const participant = (id: number) => db().selectFrom('reviewParticipants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('lists my campaigns with what each expects, and what waits for a supervisor and the council in their unit', async () => {
    const mine = await page('field_specialist_a', '/reviews/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Fixture SELF_ASSESSMENT');
    expect(mine.body).toContain(`href="${url(t.fixture.assessments.self, 'self')}"`);
    expect(mine.body).toContain('Hãy ghi phiếu tự đánh giá.');
    expect(mine.body).toContain('href="/reviews/mine"');

    const leader = await page('unit_leader_a', '/reviews/mine');
    expect(leader.body).toContain(`href="${url(t.fixture.assessments.supervisor, 'supervisor')}"`);
    expect(leader.body).toContain(`href="${url(t.fixture.assessments.council, 'council')}"`);
    expect(leader.body).toContain(`href="/reviews/campaigns/${t.fixture.assessments.council.campaignId}/council"`);
    expect(leader.body).toContain('Tài khoản của bạn chưa gắn với hồ sơ công chức nào');

    const otherUnit = await page('unit_leader_b', '/reviews/mine');
    expect(otherUnit.body).not.toContain(url(t.fixture.assessments.supervisor, 'supervisor'));
    expect(otherUnit.body).toContain('Không có ai đang chờ bạn nhận xét, đánh giá.');
    // A counter officer neither supervises nor sits on the council.
    expect((await page('counter_officer_a', '/reviews/mine')).body).not.toContain('Chờ hội đồng xem xét');
  });

  it('opens the self form for its owner only: a reviewer of the unit gets 403, anyone else 404', async () => {
    const c = t.fixture.assessments.self;
    const res = await page('field_specialist_a', url(c, 'self'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<legend>');
    expect(res.body).toContain('name="level.T.LAW"');
    expect(res.body).toContain('name="evidence.T.LAW"');
    expect(res.body).toContain('name="general.ETHICS"');
    expect(Buffer.byteLength(res.body)).toBeLessThan(50_000);
    expect((await page('counter_officer_a', url(c, 'self'))).statusCode).toBe(404);
    expect((await page('unit_leader_a', url(c, 'self'))).statusCode).toBe(403);
    expect((await page('unit_leader_b', url(c, 'self'))).statusCode).toBe(404);
    expect((await page('field_specialist_b', url(c, 'self'))).statusCode).toBe(404);
  });

  it('re-renders the self form with a translated, linked error and the typed values when a level is bad, writing nothing', async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const res = await post('field_specialist_a', url(c, 'self'), {
      'level.T.LAW': '7',
      'evidence.T.LAW': 'Giữ lại minh chứng này',
      'level.T.DIGITAL': '2',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Chọn một mức từ 1 đến 5.');
    expect(res.body).toContain('href="#f-level-T-LAW"');
    expect(res.body).toContain('Giữ lại minh chứng này');
    expect(res.body).toContain('value="2" checked');
    expect((await levels(c.participantId)).every((l) => l.selfLevel === null)).toBe(true);
    expect((await participant(c.participantId)).selfSubmittedAt).toBeNull();

    const notNumber = await post('field_specialist_a', url(c, 'self'), { 'general.ETHICS': 'nhiều' });
    expect(notNumber.statusCode).toBe(422);
    expect(notNumber.body).toContain('Nhập một số.');
    expect(notNumber.body).toContain('value="nhiều"');
    expect((await participant(c.participantId)).selfSubmittedAt).toBeNull();
  });

  it('saves a good self-assessment, redirects, and shows it read-only once the stage has passed', async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const res = await post('field_specialist_a', url(c, 'self'), {
      'level.T.LAW': '4',
      'evidence.T.LAW': 'Soạn 3 quyết định',
      'general.ETHICS': '4,5',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url(c, 'self')}?saved=1`);
    expect((await levels(c.participantId)).map((l) => [l.competencyCode, l.selfLevel, l.selfEvidence])).toEqual([
      ['T.DIGITAL', null, null],
      ['T.LAW', 4, 'Soạn 3 quyết định'],
    ]);
    const saved = await page('field_specialist_a', `${url(c, 'self')}?saved=1`);
    expect(saved.body).toContain('Đã lưu phiếu tự đánh giá.');
    expect(saved.body).toContain('value="4.5"');

    await db().updateTable('reviewCampaigns').set({ status: 'SUPERVISOR_REVIEW' }).where('id', '=', c.campaignId).execute();
    const readOnly = await page('field_specialist_a', url(c, 'self'));
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).toContain('Không ở giai đoạn tự đánh giá: phiếu chỉ để xem.');
    expect(readOnly.body).not.toContain('Lưu phiếu tự đánh giá</button>');
    const late = await post('field_specialist_a', url(c, 'self'), { 'level.T.LAW': '1' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('giai đoạn cấp trên nhận xét');
    expect((await levels(c.participantId)).find((l) => l.competencyCode === 'T.LAW')?.selfLevel).toBe(4);
  });

  it('adds a work-item row without JavaScript, keeping what was typed and saving nothing', async () => {
    const c = await scenario('SUPERVISOR_REVIEW');
    const res = await post('unit_leader_a', url(c, 'supervisor'), {
      rows: '3',
      'item.0.period': 'Q1',
      'item.0.id': 'Báo cáo đất đai',
      _action: 'addRow',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="item.3.period"');
    expect(res.body).not.toContain('name="item.4.period"');
    expect(res.body).toContain('value="Báo cáo đất đai"');
    expect((await participant(c.participantId)).supervisorSubmittedAt).toBeNull();
  });

  it('refuses a supervisor review with an out-of-range score in place, then saves a good one and shows the score, band and trace', async () => {
    const c = await scenario('SUPERVISOR_REVIEW');
    const form = {
      'level.T.LAW': '3',
      'evidence.T.LAW': 'Đạt yêu cầu',
      'general.POLITICAL_QUALITY': '5',
      'general.ETHICS': '5',
      'general.DISCIPLINE': '4',
      'general.RESPONSIBILITY': '3',
      'general.INNOVATION': '3',
      rows: '3',
      'item.0.period': 'Q1',
      'item.0.id': 'a',
      'item.0.coefficient': '1',
      'item.0.completed': 'on',
      'item.0.quality': 'on',
      'item.1.period': 'Q1',
      'item.1.id': 'b',
      'item.1.coefficient': '1',
      'item.1.completed': 'on',
      'item.1.quality': 'on',
      'item.1.delays': '1',
    };
    const bad = await post('unit_leader_a', url(c, 'supervisor'), { ...form, 'general.ETHICS': '9' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Nhập giá trị từ 0 đến 5.');
    expect(bad.body).toContain('href="#f-general-ETHICS"');
    expect(bad.body).toContain('>Đạt yêu cầu</textarea>');
    expect((await participant(c.participantId)).supervisorSubmittedAt).toBeNull();

    const ok = await post('unit_leader_a', url(c, 'supervisor'), form);
    expect(ok.statusCode).toBe(303);
    const after = await page('unit_leader_a', `${url(c, 'supervisor')}?saved=1`);
    expect(after.statusCode).toBe(200);
    // 20 general points + 70 × (1 + 1 + 0.875) / 3 = 87.08: Good.
    expect(after.body).toContain('87,08');
    expect(after.body).toContain('Hoàn thành tốt nhiệm vụ');
    expect(after.body).toContain('Diễn giải cách tính, từng bước');
    expect(after.body).toContain('<code>total</code>');
    expect(after.body).toContain('<code>band.GOOD</code>');
    expect(after.body).toContain('335-default-1');
    expect((await levels(c.participantId)).find((l) => l.competencyCode === 'T.LAW')?.supervisorLevel).toBe(3);
  });

  it('keeps supervisors away from their own record and from other units', async () => {
    const c = t.fixture.assessments.supervisor;
    expect((await page('unit_leader_b', url(c, 'supervisor'))).statusCode).toBe(404);
    expect((await page('field_specialist_a', url(c, 'supervisor'))).statusCode).toBe(403);
    const res = await page('unit_leader_a', url(c, 'supervisor'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Minh chứng từ hồ sơ dịch vụ công');
  });

  it('asks the council for a note when its rating differs, then records the rating and the screening with its rule trace', async () => {
    const c = await scenario('COUNCIL');
    const noNote = await post('unit_hr_a', url(c, 'council'), { rating: 'GOOD', 'level.T.LAW': '3' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('Cần ghi chú khi xếp loại của hội đồng khác xếp loại tính được');
    expect(noNote.body).toContain('href="#f-note"');
    expect((await participant(c.participantId)).councilDecidedAt).toBeNull();

    const ok = await post('unit_hr_a', url(c, 'council'), {
      rating: 'GOOD',
      note: 'Hội đồng thống nhất',
      'level.T.LAW': '3',
      'crit.COMPETENCE': '80',
      'crit.ETHICS': '18',
      'crit.ETHICS.unit': 'points',
    });
    expect(ok.statusCode).toBe(303);
    const res = await page('unit_hr_a', url(c, 'council'));
    expect(res.body).toContain('Kết quả rà soát');
    expect(res.body).toContain('Các quy tắc đã xét, theo thứ tự');
    expect(res.body).toContain('EXIT_LOW_TOTAL');
    expect(res.body).toContain('Tạm thời — còn thiếu dữ kiện');
    expect(res.body).toContain('value="18"');

    const list = await page('unit_hr_a', `/reviews/campaigns/${c.campaignId}/council`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${url(c, 'council')}"`);
    expect(list.body).toContain('Hoàn thành tốt nhiệm vụ');
    expect(list.body).toContain('<caption>');
    expect((await page('unit_leader_b', `/reviews/campaigns/${c.campaignId}/council`)).statusCode).toBe(404);
  });

  it('carries the sheet version in each form, and refuses a stale save with the translated conflict, the typed values and the current version', async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const form = await page('field_specialist_a', url(c, 'self'));
    expect(form.body).toContain('<input type="hidden" name="version" value="1"');
    expect((await post('field_specialist_a', url(c, 'self'), { 'level.T.LAW': '4', version: '1' })).statusCode).toBe(303);
    expect((await participant(c.participantId)).version).toBe(2);

    // A second tab still showing version 1.
    const stale = await post('field_specialist_a', url(c, 'self'), {
      'level.T.LAW': '2',
      'evidence.T.LAW': 'Gõ ở tab cũ',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi.');
    expect(stale.body).toContain('Gõ ở tab cũ');
    expect(stale.body).toContain('<input type="hidden" name="version" value="2"');
    expect((await levels(c.participantId)).find((l) => l.competencyCode === 'T.LAW')?.selfLevel).toBe(4);
    expect((await participant(c.participantId)).version).toBe(2);

    // A form without a version is not saved blindly either.
    const bare = await post('field_specialist_a', url(c, 'self'), { 'level.T.LAW': '1', version: '' });
    expect(bare.statusCode).toBe(409);
    expect((await levels(c.participantId)).find((l) => l.competencyCode === 'T.LAW')?.selfLevel).toBe(4);

    // Saving the re-shown form (version 2) is the deliberate overwrite.
    expect((await post('field_specialist_a', url(c, 'self'), { 'level.T.LAW': '2', version: '2' })).statusCode).toBe(303);
    expect((await levels(c.participantId)).find((l) => l.competencyCode === 'T.LAW')?.selfLevel).toBe(2);

    const council = await scenario('COUNCIL');
    expect((await page('unit_hr_a', url(council, 'council'))).body).toContain('name="version" value="1"');
    const [a, b] = await Promise.all([
      post('unit_hr_a', url(council, 'council'), { 'level.T.LAW': '2', version: '1' }),
      post('unit_leader_a', url(council, 'council'), { 'level.T.LAW': '5', version: '1' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 409]);
    const kept = a.statusCode === 303 ? 2 : 5;
    expect((await levels(council.participantId)).find((l) => l.competencyCode === 'T.LAW')?.councilLevel).toBe(kept);
    expect((await page('unit_leader_a', url(await scenario('SUPERVISOR_REVIEW'), 'supervisor'))).body).toContain(
      'name="version" value="1"',
    );
  });
});
