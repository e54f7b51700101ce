import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { storedZip } from '../../../platform/xlsx/stored-zip.ts';
import { writeFramework } from '../../competencies/use-cases/versions.ts';
import { interimFramework } from '../../positions/interim-catalogue.ts';
import { insertStaff } from '../staff.repository.ts';
import { ROSTER_COLUMNS, ROSTER_SHEET } from './roster.columns.ts';
import { countStaff } from './roster.repository.ts';

type Part = { name: string; value: string } | { name: string; fileName: string; data: Buffer };

function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----cadre${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

type Row = Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], ExcelJS.CellValue>>;

const person = (over: Row = {}): Row => ({
  fullName: 'Nguyễn Thị Ánh Tuyết',
  gender: 'Nữ',
  birthDate: '02/09/1990',
  citizenId: '046190000101',
  phone: '0905000101',
  unitCode: '10001',
  positionCode: 'CM.05',
  title: 'Công chức Tư pháp - Hộ tịch',
  startDate: '01/07/2025',
  decision: '101/QĐ-UBND',
  rank: 'Chuyên viên',
  employmentStatus: 'Đang công tác',
  stateManagementTraining: 'Chuyên viên',
  itCertificate: 'Ứng dụng CNTT cơ bản',
  foreignLanguageCertificate: 'B1 tiếng Anh',
  ...over,
});

/** The roster layout (header, key row, data from row 3), in memory with exceljs. */
async function rosterWorkbook(rows: Row[], sheetName = ROSTER_SHEET): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  ws.addRow(ROSTER_COLUMNS.map((c) => c.key));
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testDialects())('roster import and staff exports over HTTP on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const upload = (name: string, data: Buffer, query = '?dryRun=false', fileName = 'danh-sach.xlsx') => {
    const { payload, contentType } = multipart([{ name: 'file', fileName, data }]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/import${query}`,
      headers: { authorization: user(name).bearer, 'content-type': contentType },
      payload,
    });
  };
  const count = () => countStaff(t.database.db, 'T1');
  const reasons = (body: { problems: { row: number; column: string; reason: string }[] }) =>
    body.problems.map((p) => [p.row, p.column, p.reason]);
  const imports = () => t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'staff.import').execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await writeFramework(t.database.db, 'T1', interimFramework(), 'PUBLISHED', NOW, null);
  });
  afterAll(async () => t?.close());

  describe('template', () => {
    it('has the roster sheet with headers, field keys and drop-down lists, instructions and the province’s codes', async () => {
      const res = await api('province_admin', '/api/v1/staff/import/template.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Hướng dẫn', 'Mã đơn vị, vị trí']);
      const ws = wb.getWorksheet('Danh sách');
      expect(ws?.getRow(1).getCell(1).value).toBe('Họ và tên *');
      expect(ws?.getRow(2).values).toEqual([undefined, ...ROSTER_COLUMNS.map((c) => c.key)]);
      const validations = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
      const lists = Object.values(validations).map((v) => v.formulae[0]);
      expect(lists).toContain('"Nam,Nữ"');
      expect(lists).toContain('"Chuyên viên cao cấp,Chuyên viên chính,Chuyên viên,Cán sự,Nhân viên"');
      expect(lists).toContain('"Đang công tác,Đang nghỉ phép dài hạn"');
      const codes = wb.getWorksheet('Mã đơn vị, vị trí');
      const unitCodes: unknown[] = [];
      const positionCodes: unknown[] = [];
      codes?.eachRow((r, n) => {
        if (n === 1) return;
        if (r.getCell(1).value) unitCodes.push(r.getCell(1).value);
        if (r.getCell(4).value) positionCodes.push(r.getCell(4).value);
      });
      expect(unitCodes).toEqual(['10001', '10002']);
      expect(positionCodes).toContain('CM.05');
      expect(positionCodes).toHaveLength(43);
    });

    it('lists only their own unit for unit_hr, and refuses roles without staff.import', async () => {
      const res = await api('unit_hr_b', '/api/v1/staff/import/template.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Mã đơn vị, vị trí')?.getRow(2).getCell(1).value).toBe('10002');
      expect(wb.getWorksheet('Mã đơn vị, vị trí')?.getRow(3).getCell(1).value).toBeNull();
      for (const who of ['counter_officer_a', 'citizen', 'field_specialist_a']) {
        expect((await api(who, '/api/v1/staff/import/template.xlsx')).statusCode).toBe(403);
      }
    });
  });

  describe('refused files write nothing', () => {
    it('malformed files: random bytes, a ZIP that is no workbook, an old .xls renamed', async () => {
      const before = await count();
      const cases: [Buffer, string][] = [
        [randomBytes(4096), 'NOT_A_WORKBOOK'],
        [storedZip('word/document.xml', '<w:document/>'), 'NOT_A_WORKBOOK'],
        [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2048)]), 'LEGACY_XLS'],
      ];
      for (const [bytes, reason] of cases) {
        const res = await upload('province_admin', bytes);
        expect(res.statusCode).toBe(422);
        const body = res.json();
        expect(body).toMatchObject({ committed: false, imported: 0, errors: 1 });
        expect(reasons(body)).toEqual([[0, '', reason]]);
        expect(body.problems[0].message.length).toBeGreaterThan(10);
      }
      expect(await count()).toBe(before);
    });

    it('a wrong sheet and an empty sheet', async () => {
      const wrong = await upload('province_admin', await rosterWorkbook([person()], 'Sheet1'));
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().problems[0]).toMatchObject({ reason: 'SHEET_MISSING', message: expect.stringContaining('Sheet1') });
      const empty = await upload('province_admin', await rosterWorkbook([]));
      expect(empty.statusCode).toBe(422);
      expect(reasons(empty.json())).toEqual([[0, '', 'SHEET_EMPTY']]);
      expect(await imports()).toEqual([]);
    });

    it('a file over the size limit answers 413 before parsing; over the row limit 422', async () => {
      const before = await count();
      const huge = await upload('province_admin', randomBytes(5 * 1024 * 1024 + 1));
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ code: 'ROSTER_FILE_TOO_LARGE', detail: expect.stringContaining('5 MB') });
      const rows = Array.from({ length: 5001 }, (_, i) => person({ citizenId: `0461900${String(i).padStart(5, '0')}` }));
      const many = await upload('province_admin', await rosterWorkbook(rows));
      expect(many.statusCode).toBe(422);
      expect(many.json()).toMatchObject({ code: 'ROSTER_TOO_MANY_ROWS', detail: expect.stringContaining('5000') });
      expect(await count()).toBe(before);
    });

    it('formulas in cells are refused and never evaluated', async () => {
      const before = await count();
      const res = await upload(
        'province_admin',
        await rosterWorkbook([
          person(),
          person({ citizenId: '046190000102', fullName: { formula: 'CONCATENATE("Lê ","Văn")', result: 'Lê Văn' } }),
        ]),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().problems).toEqual([
        expect.objectContaining({ row: 4, column: 'fullName', cell: 'A4', reason: 'FORMULA', value: '=CONCATENATE("Lê ","Văn")' }),
      ]);
      expect(await count()).toBe(before);
    });

    it('mixed encodings: TCVN3 and VNI rows are reported, and the good row is not written either', async () => {
      const before = await count();
      const res = await upload(
        'province_admin',
        await rosterWorkbook([
          person(),
          person({ citizenId: '046190000103', fullName: 'NguyÔn V¨n A' }),
          person({ citizenId: '046190000104', fullName: 'Nguyeãn Vaên B' }),
        ]),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().problems.map((p: { cell: string; reason: string }) => [p.cell, p.reason])).toEqual([
        ['A4', 'LEGACY_ENCODING'],
        ['A5', 'LEGACY_ENCODING'],
      ]);
      expect(res.json().problems[0].message).toContain('TCVN3');
      expect(await count()).toBe(before);
    });

    it('duplicate ID numbers in the file and in the registry, with the ID masked in the report', async () => {
      const before = await count();
      const res = await upload(
        'province_admin',
        await rosterWorkbook([
          person(),
          person({ fullName: 'Trần Văn Bình' }),
          person({ citizenId: '046085001234', fullName: 'Nguyễn Văn Mạnh' }),
        ]),
      );
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(reasons(body)).toEqual([
        [4, 'citizenId', 'DUPLICATE_IN_FILE'],
        [5, 'citizenId', 'DUPLICATE_IN_REGISTRY'],
      ]);
      expect(body.problems[1].value).toBe('0460******34');
      expect(res.body).not.toContain('046085001234');
      expect(await count()).toBe(before);
    });

    it('unknown units (another province’s, a former ward’s) and unknown positions', async () => {
      const before = await count();
      const res = await upload(
        'province_admin',
        await rosterWorkbook([
          person({ unitCode: '99999' }),
          person({ citizenId: '046190000105', unitCode: '20001' }),
          person({ citizenId: '046190000106', unitCode: '90001' }),
          person({ citizenId: '046190000107', positionCode: 'ZZ.99' }),
        ]),
      );
      expect(reasons(res.json())).toEqual([
        [3, 'unitCode', 'UNIT_UNKNOWN'],
        [4, 'unitCode', 'UNIT_UNKNOWN'],
        [5, 'unitCode', 'UNIT_UNKNOWN'],
        [6, 'positionCode', 'POSITION_UNKNOWN'],
      ]);
      expect(await count()).toBe(before);
    });

    it('bad dates, ages and ranks, each reported with its translated reason', async () => {
      const bad = await upload(
        'province_admin',
        await rosterWorkbook([
          person({ birthDate: '31/02/1990' }),
          person({ citizenId: '046190000108', birthDate: '01/01/2015' }),
          person({ citizenId: '046190000109', rank: 'Đại tá', gender: 'M' }),
          person({ citizenId: '4619000011', startDate: 'July 2025' }),
        ]),
      );
      expect(reasons(bad.json())).toEqual([
        [3, 'birthDate', 'DATE_IMPOSSIBLE'],
        [4, 'birthDate', 'AGE_OUT_OF_RANGE'],
        [5, 'gender', 'GENDER_UNKNOWN'],
        [5, 'rank', 'RANK_UNKNOWN'],
        [6, 'startDate', 'DATE_FORMAT'],
        [6, 'citizenId', 'CITIZEN_ID_FORMAT'],
      ]);
      expect(bad.json().problems[0]).toMatchObject({
        value: '**/**/1990',
        message: 'Ngày không tồn tại.',
        columnLabel: 'Ngày sinh (dd/mm/yyyy)',
      });
    });
  });

  describe('authorization of imported rows', () => {
    it('unit_hr of another unit cannot import into this unit; citizen and counter_officer get 403', async () => {
      const before = await count();
      const file = await rosterWorkbook([person()]);
      const res = await upload('unit_hr_b', file);
      expect(res.statusCode).toBe(422);
      expect(reasons(res.json())).toEqual([[3, 'unitCode', 'UNIT_NOT_ALLOWED']]);
      for (const who of ['citizen', 'counter_officer_a', 'unit_leader_a']) expect((await upload(who, file)).statusCode).toBe(403);
      const own = await upload('unit_hr_a', file, '?dryRun=true');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ dryRun: true, committed: false, validRows: 1, errors: 0 });
      expect(await count()).toBe(before);
    });

    it('refuses a body that is not multipart with 415 and an upload without a file with 400', async () => {
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/import',
        headers: { authorization: user('province_admin').bearer, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(json.statusCode).toBe(415);
      const { payload, contentType } = multipart([{ name: 'note', value: 'no file' }]);
      const none = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/import',
        headers: { authorization: user('province_admin').bearer, 'content-type': contentType },
        payload,
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().code).toBe('ROSTER_FILE_MISSING');
    });
  });

  describe('a good file', () => {
    const nfdName = 'Lê Thị Hồng  Nhung'.normalize('NFD');
    const rows = () => [
      person(),
      person({
        citizenId: '046188000201',
        fullName: 'Đặng Văn Khoa',
        gender: 'Nam',
        birthDate: new Date(Date.UTC(1988, 0, 31)),
        positionCode: 'LD.03',
        rank: 'Cán sự',
        title: 'Trưởng phòng Văn hóa - Xã hội',
      }),
      person({ citizenId: '046195000301', fullName: nfdName, positionCode: null, phone: null, itCertificate: '=cmd|"/c calc"!A1' }),
    ];

    it('dry run reports and writes nothing; the import writes every row at once, audited, Vietnamese byte-exact', async () => {
      const before = await count();
      const file = await rosterWorkbook(rows());
      const dry = await upload('province_analyst', file, '?dryRun=true');
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({
        dryRun: true,
        committed: false,
        rows: 3,
        validRows: 3,
        imported: 0,
        errors: 0,
        warnings: 2,
        normalisedCells: 1,
      });
      expect(reasons(dry.json())).toEqual([
        [4, 'rank', 'RANK_BELOW_POSITION'],
        [0, '', 'TEXT_NORMALISED_NFC'],
      ]);
      expect(await count()).toBe(before);

      const res = await upload('province_analyst', file, '');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ dryRun: false, committed: true, imported: 3 });
      expect(await count()).toBe(before + 3);
      const audit = await imports();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(String(audit[0]?.after))).toMatchObject({ rows: 3, fileName: 'danh-sach.xlsx', normalisedCells: 1 });

      const list = (await api('province_admin', `/api/v1/staff?unitId=${t.fixture.unitA}&pageSize=100`)).json();
      const names = list.items.map((s: { fullName: string }) => s.fullName);
      expect(names).toContain('Nguyễn Thị Ánh Tuyết');
      expect(names).toContain('Lê Thị Hồng  Nhung'.normalize('NFC'));
      const tuyet = list.items.find((s: { fullName: string }) => s.fullName === 'Nguyễn Thị Ánh Tuyết');
      expect(Buffer.from(tuyet.fullName, 'utf8').equals(Buffer.from('Nguyễn Thị Ánh Tuyết'.normalize('NFC'), 'utf8'))).toBe(true);

      const detail = (await api('unit_hr_a', `/api/v1/staff/${tuyet.id}`)).json();
      expect(detail).toMatchObject({
        gender: 'FEMALE',
        birthDate: '1990-09-02',
        citizenId: '046190000101',
        phone: '0905000101',
        rank: 'CHUYEN_VIEN',
        currentTitle: 'Công chức Tư pháp - Hộ tịch',
        stateManagementTraining: 'Chuyên viên',
        itCertificate: 'Ứng dụng CNTT cơ bản',
        foreignLanguageCertificate: 'B1 tiếng Anh',
      });
      expect(detail.appointments).toEqual([
        expect.objectContaining({ title: 'Công chức Tư pháp - Hộ tịch', startDate: '2025-07-01', endDate: null, decision: '101/QĐ-UBND' }),
      ]);
      const held = await t.database.db
        .selectFrom('staffPositions as sp')
        .leftJoin('positions as p', 'p.id', 'sp.positionId')
        .select(['sp.staffId', 'p.code', 'sp.unitId', 'sp.startDate'])
        .where(
          'sp.staffId',
          'in',
          list.items.map((s: { id: number }) => s.id).filter((id: number) => id !== t.fixture.staffA),
        )
        .execute();
      expect(held.map((h) => [h.code ?? '', h.unitId, h.startDate]).sort()).toEqual([
        ['', t.fixture.unitA, '2025-07-01'],
        ['CM.05', t.fixture.unitA, '2025-07-01'],
        ['LD.03', t.fixture.unitA, '2025-07-01'],
      ]);
      // Certificates are not personal data: a non-HR role sees them.
      const masked = (await api('field_specialist_a', `/api/v1/staff/${tuyet.id}`)).json();
      expect(masked).toMatchObject({
        masked: true,
        citizenId: '0461******01',
        itCertificate: 'Ứng dụng CNTT cơ bản',
        foreignLanguageCertificate: 'B1 tiếng Anh',
      });
      const khoa = list.items.find((s: { fullName: string }) => s.fullName === 'Đặng Văn Khoa');
      expect((await api('unit_hr_a', `/api/v1/staff/${khoa.id}`)).json().birthDate).toBe('1988-01-31');
    });

    it('re-importing the same file is refused row by row as duplicates', async () => {
      const before = await count();
      const res = await upload('province_analyst', await rosterWorkbook(rows()), '');
      expect(res.statusCode).toBe(422);
      expect(
        res
          .json()
          .problems.filter((p: { reason: string }) => p.reason === 'DUPLICATE_IN_REGISTRY')
          .map((p: { row: number }) => p.row),
      ).toEqual([3, 4, 5]);
      expect(await count()).toBe(before);
      expect(await imports()).toHaveLength(1);
    });

    it('shows the certificate fields on the profile page', async () => {
      const list = (await api('province_admin', `/api/v1/staff?q=${encodeURIComponent('Dang Van Khoa')}`)).json();
      const res = await t.app.inject({ url: `/staff/${list.items[0].id}`, headers: { cookie: user('field_specialist_a').cookie } });
      expect(res.body).toContain('Chứng chỉ ngoại ngữ');
      expect(res.body).toContain('B1 tiếng Anh');
      expect(res.body).toContain('Quản lý nhà nước');
    });
  });

  describe('the import page', () => {
    const form = (name: string, data: Buffer, mode: string, headers: Record<string, string> = {}) => {
      const { payload, contentType } = multipart([
        { name: '_csrf', value: user(name).csrf },
        { name: 'mode', value: mode },
        { name: 'file', fileName: 'ds.xlsx', data },
      ]);
      return t.app.inject({
        method: 'POST',
        url: '/staff/import',
        headers: { cookie: user(name).cookie, 'content-type': contentType, ...headers },
        payload,
      });
    };

    it('renders an accessible multipart form with the template link, linked from the directory for importers only', async () => {
      const res = await t.app.inject({ url: '/staff/import', headers: { cookie: user('unit_hr_a').cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toContain('<label for="roster-file">');
      expect(res.body).toContain('href="/api/v1/staff/import/template.xlsx"');
      const dir = await t.app.inject({ url: '/staff', headers: { cookie: user('unit_hr_a').cookie } });
      expect(dir.body).toContain('href="/staff/import"');
      expect(dir.body).toContain('/api/v1/staff/export.xlsx');
      const noImport = await t.app.inject({ url: '/staff', headers: { cookie: user('field_specialist_a').cookie } });
      expect(noImport.body).not.toContain('href="/staff/import"');
      expect(noImport.body).toContain('/api/v1/staff/export.pdf');
    });

    it('shows the dry-run report table (row, column, reason), as a page or an htmx fragment, and writes nothing', async () => {
      const before = await count();
      const file = await rosterWorkbook([person({ citizenId: '046190000401', birthDate: '30/02/1991' })]);
      const page = await form('unit_hr_a', file, 'dryRun');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<html');
      expect(page.body).toContain('Ngày không tồn tại.');
      expect(page.body).toContain('Ngày sinh (dd/mm/yyyy)');
      const fragment = await form('unit_hr_a', file, 'commit', { 'hx-request': 'true' });
      expect(fragment.body.startsWith('<div id="import-report"')).toBe(true);
      expect(fragment.body).toContain('Chưa ghi dòng nào.');
      expect(await count()).toBe(before);
    });

    it('commits a clean file from the page and refuses a post without the CSRF token', async () => {
      const before = await count();
      const file = await rosterWorkbook([person({ citizenId: '046190000402', fullName: 'Vũ Thị Hạnh' })]);
      const { payload, contentType } = multipart([
        { name: 'mode', value: 'commit' },
        { name: 'file', fileName: 'ds.xlsx', data: file },
      ]);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/staff/import',
        headers: { cookie: user('unit_hr_a').cookie, 'content-type': contentType },
        payload,
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(await count()).toBe(before);
      const ok = await form('unit_hr_a', file, 'commit');
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('Đã nhập 1 người.');
      expect(await count()).toBe(before + 1);
    });
  });

  describe('exports', () => {
    beforeAll(async () => {
      await insertStaff(
        t.database.db,
        {
          provinceCode: 'T1',
          unitId: t.fixture.unitA,
          orgBodyId: null,
          fullName: 'Phạm Thị Ước',
          gender: 'FEMALE',
          birthDate: '1979-05-19',
          citizenId: '046179000555',
          phone: '0911222333',
          email: null,
          ethnicity: 'Tày',
          education: null,
          qualification: '=1+1',
          qualificationField: '@SUM(A1)',
          politicalTheory: null,
          rank: 'CAN_SU',
          employmentStatus: 'ON_LEAVE',
          currentTitle: '-2+3',
        },
        NOW,
      );
    });

    const sheetOf = async (res: { rawPayload: Buffer }) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      const rows: unknown[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      return rows;
    };

    it('neutralises cells starting with = + - @, keeps Vietnamese, and masks personal data for non-HR roles', async () => {
      const res = await api('field_specialist_a', `/api/v1/staff/export.xlsx?status=ON_LEAVE`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('attachment');
      const rows = await sheetOf(res);
      expect(rows).toHaveLength(2);
      const [header, uoc] = rows as [unknown[], unknown[]];
      const col = (label: string) => header.indexOf(label);
      expect(uoc[col('Họ và tên')]).toBe('Phạm Thị Ước');
      expect(uoc[col('Trình độ chuyên môn')]).toBe("'=1+1");
      expect(uoc[col('Chuyên ngành đào tạo')]).toBe("'@SUM(A1)");
      expect(uoc[col('Chức vụ')]).toBe("'-2+3");
      expect(uoc[col('Năm sinh')]).toBe('1979');
      expect(uoc[col('Số định danh cá nhân')]).toBe('0461******55');
      expect(uoc[col('Điện thoại')] ?? null).toBeNull();
      expect(res.rawPayload.includes(Buffer.from('046179000555'))).toBe(false);
    });

    it('gives HR roles the full data and audits every export', async () => {
      const res = await api('unit_hr_a', '/api/v1/staff/export.xlsx?status=ON_LEAVE');
      const [header, uoc] = (await sheetOf(res)) as [unknown[], unknown[]];
      expect(uoc[header.indexOf('Số định danh cá nhân')]).toBe('046179000555');
      expect(uoc[header.indexOf('Ngày sinh')]).toBe('19/05/1979');
      const audits = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'staff.export').orderBy('seq').execute();
      expect(audits.map((a) => [a.actorUsername, JSON.parse(String(a.after)).personalData, JSON.parse(String(a.after)).rows])).toEqual([
        ['field_specialist_a', 'masked', 1],
        ['unit_hr_a', 'full', 1],
      ]);
    });

    it('applies the directory’s filters and scope', async () => {
      const own = await sheetOf(await api('counter_officer_b', '/api/v1/staff/export.xlsx'));
      expect(own).toHaveLength(1);
      expect((await api('counter_officer_b', `/api/v1/staff/export.xlsx?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
      const search = await sheetOf(await api('province_analyst', `/api/v1/staff/export.xlsx?q=${encodeURIComponent('uoc')}`));
      expect(search.slice(1).map((r) => r[1])).toEqual(['Phạm Thị Ước']);
    });

    it('works from the directory’s buttons with the browser session', async () => {
      const res = await t.app.inject({
        url: '/api/v1/staff/export.xlsx?status=ON_LEAVE',
        headers: { cookie: user('unit_leader_a').cookie },
      });
      expect(res.statusCode).toBe(200);
      expect((await sheetOf(res)).slice(1).map((r) => r[1])).toEqual(['Phạm Thị Ước']);
    });

    it('renders a PDF list for the unit', async () => {
      const res = await api('unit_leader_a', '/api/v1/staff/export.pdf');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.includes(Buffer.from('/MediaBox [0 0 841.89 595.28]'))).toBe(true);
    });
  });

  it('documents the import as multipart with its report', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/staff/import'].post;
    expect(Object.keys(op.requestBody?.content ?? {})).toContain('multipart/form-data');
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('dryRun');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '413', '422']));
  });
});
