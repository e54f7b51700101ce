import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { seedInterimFramework } from '../positions/seed-framework.ts';
import { COLUMNS } from './course-xlsx.ts';
import { courseBody } from './training.fixtures.ts';

function multipart(data: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----cadretraining7f3a';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="khoa-hoc.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const column = (key: string) => COLUMNS.findIndex(([k]) => k === key) + 1;

describe.each(testDialects())('training catalogue XLSX on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedInterimFramework(t.database.db, 'T1', NOW);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: user(name).bearer }, ...(payload ? { payload } : {}) });
  const upload = (name: string, data: Buffer, query = '') => {
    const { payload, contentType } = multipart(data);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/training/courses/import${query}`,
      headers: { authorization: user(name).bearer, 'content-type': contentType },
      payload,
    });
  };
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('trainingCourses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const exported = async () => {
    const res = await api('unit_hr_a', '/api/v1/training/courses/export.xlsx?status=ALL');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

  it('exports the catalogue, one course per row, with list cells as text and formulas neutralised', async () => {
    const a = await api(
      'province_admin',
      '/api/v1/training/courses',
      'POST',
      courseBody('XL.A', { nameVi: '=HYPERLINK("http://x") Kỹ năng số', competencies: [{ competencyCode: 'DIG.1', raisesToLevel: 3 }] }),
    );
    expect(a.statusCode).toBe(201);
    const b = await api('province_admin', '/api/v1/training/courses', 'POST', courseBody('XL.B', { prerequisites: ['XL.A'] }));
    expect(b.statusCode).toBe(201);
    const res = await api('unit_hr_a', '/api/v1/training/courses/export.xlsx');
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toContain('danh-muc-khoa-hoc.xlsx');
    const ws = (await exported()).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã khóa học');
    const rows = [2, 3].map((r) => ws.getRow(r));
    const byCode = new Map(rows.map((r) => [r.getCell(1).value, r]));
    const rowA = byCode.get('XL.A') as ExcelJS.Row;
    expect(rowA.getCell(column('nameVi')).value).toBe('\'=HYPERLINK("http://x") Kỹ năng số');
    expect(rowA.getCell(column('sessions')).value).toBe('5, 3');
    expect(rowA.getCell(column('competencies')).value).toBe('DIG.1 3');
    expect(rowA.getCell(column('costPerClass')).value).toBe(30_000_000);
    expect(byCode.get('XL.B')?.getCell(column('prerequisites')).value).toBe('XL.A');
  });

  it('imports renamed rows of an export (dry run first), all in one audited transaction', async () => {
    const wb = await exported();
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    for (const r of [2, 3]) {
      const cell = ws.getRow(r).getCell(1);
      cell.value = `N${cell.value}`;
    }
    // NXL.B now requires NXL.A, a course of the same file.
    const rowB = [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(1).value === 'NXL.B') as ExcelJS.Row;
    rowB.getCell(column('prerequisites')).value = 'NXL.A';
    const file = await bytes(wb);
    const before = await count();
    const dry = await upload('province_analyst', file, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({ committed: false, rows: 2, codes: expect.arrayContaining(['NXL.A', 'NXL.B']) });
    expect(await count()).toBe(before);
    const done = await upload('province_analyst', file);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ committed: true, rows: 2 });
    expect(await count()).toBe(before + 2);
    const imported = (await api('province_analyst', '/api/v1/training/courses?q=NXL.A')).json().items[0];
    expect(imported).toMatchObject({
      code: 'NXL.A',
      nameVi: '=HYPERLINK("http://x") Kỹ năng số',
      competencies: [{ competencyCode: 'DIG.1', raisesToLevel: 3 }],
    });
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'training.course.import').execute();
    expect(audit).toHaveLength(1);

    const again = await upload('province_analyst', file);
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toContainEqual({
      path: expect.stringMatching(/^Dòng \d, cột Mã khóa học$/),
      message: 'Mã NXL.A đã có trong danh mục.',
    });
    expect(await count()).toBe(before + 2);
  });

  it('refuses the whole file on any bad row, naming row and column, and writes nothing', async () => {
    const wb = await exported();
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.eachRow((row, r) => {
      if (r > 1) row.getCell(1).value = `BAD.${r}`;
      if (r > 1) row.getCell(column('prerequisites')).value = '';
    });
    ws.getRow(2).getCell(column('sessions')).value = '6, 2';
    ws.getRow(3).getCell(column('competencies')).value = 'GEN.NOPE 2';
    ws.getRow(4).getCell(column('costPerClass')).value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
    const before = await count();
    const res = await upload('province_admin', await bytes(wb));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TRAINING_IMPORT_INVALID');
    // A formula stops the file before any row is checked.
    expect(res.json().errors).toEqual([{ path: 'Dòng 4, cột Chi phí một lớp (đồng)', message: 'Ô chứa công thức; hãy nhập giá trị.' }]);
    ws.getRow(4).getCell(column('costPerClass')).value = 1000;
    const rows = await upload('province_admin', await bytes(wb));
    expect(rows.statusCode).toBe(422);
    const errors = rows.json().errors as { path: string; message: string }[];
    expect(errors).toContainEqual({ path: 'Dòng 2, cột Các đợt (ngày)', message: 'Đợt 1 dài quá 5 ngày làm việc (Công văn 4962/BNV-ĐT).' });
    expect(errors).toContainEqual({
      path: 'Dòng 3, cột Năng lực (mã mức; …)',
      message: 'Năng lực GEN.NOPE không có trong khung năng lực đã công bố.',
    });
    expect(await count()).toBe(before);
  });

  it('imports through the HTML page: a check, then the refusal report for a file already imported', async () => {
    const page = await t.app.inject({ url: '/training/courses/import', headers: { cookie: user('province_admin').cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const wb = await exported();
    const boundary = '----cadrepage91';
    const form = (mode: string, data: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${user('province_admin').csrf}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${mode}\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="k.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const post = async (mode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/training/courses/import',
        headers: { cookie: user('province_admin').cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: form(mode, await bytes(wb)),
      });
    const refused = await post('commit');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Mã XL.A đã có trong danh mục.');
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.eachRow((row, r) => {
      if (r > 1) row.getCell(1).value = `PG.${r}`;
      if (r > 1) row.getCell(column('prerequisites')).value = '';
    });
    const before = await count();
    const checked = await post('dryRun');
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Tệp hợp lệ, có thể nhập');
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not a workbook, a body that is not multipart, and callers without training.manage', async () => {
    const junk = await upload('province_admin', Buffer.from('not a workbook'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors).toEqual([{ path: 'Tệp', message: 'Không đọc được tệp XLSX.' }]);
    expect((await api('province_admin', '/api/v1/training/courses/import', 'POST', { file: 'x' })).statusCode).toBe(415);
    expect((await upload('unit_hr_a', Buffer.from('x'))).statusCode).toBe(403);
  });
});
