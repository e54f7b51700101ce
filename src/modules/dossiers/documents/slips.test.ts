import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import { type ApologySlipData, apologySlipPdf, type ReceiptSlipData, receiptSlipPdf } from './slips.ts';

const vi = translator('vi');

/** pdftotext (poppler-utils) extracts the text layer, so the test reads what a reader would copy. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-slip-'));
  const file = path.join(dir, 'slip.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

const receipt: ReceiptSlipData = {
  code: '10001-260302-0001',
  receivingUnit: 'Xã Hòa Bình',
  competentUnit: 'Phường Thuận Hóa',
  applicant: { name: 'Trần Thị Hồng Nhung', address: '12 Lê Lợi, Xã Hòa Bình', phone: '0905111222', email: null },
  procedure: 'Đăng ký thành lập hộ kinh doanh',
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true, copies: 1 },
    { name: 'Bản sao giấy tờ pháp lý của cá nhân', original: false, copies: 2 },
  ],
  timeLimit: '3 ngày làm việc',
  receivedAt: '2026-03-02T03:00:00.000Z',
  dueAt: '2026-03-05T10:00:00.000Z',
  channel: 'Trực tiếp',
  officer: 'Nguyễn Văn Tiếp',
  trackingUrl: 'https://cadre.example.vn/track?code=10001-260302-0001',
};

describe('receipt slip (form 01)', () => {
  it('is a PDF whose text carries the Vietnamese wording with every diacritic, in Vietnam time', async () => {
    const pdf = await receiptSlipPdf(receipt, vi);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 10001-260302-0001',
      'Trần Thị Hồng Nhung',
      'Phường Thuận Hóa',
      'Đăng ký thành lập hộ kinh doanh',
      'Giấy đề nghị đăng ký hộ kinh doanh',
      'Bản sao',
      '3 ngày làm việc',
      // 03:00Z and 10:00Z are 10:00 and 17:00 in Asia/Ho_Chi_Minh.
      '02/03/2026 10:00',
      '05/03/2026 17:00',
      'Nguyễn Văn Tiếp',
      '/track?code=10001-260302-0001',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('prints a dash for missing contact details rather than "null"', async () => {
    const text = pdfText(await receiptSlipPdf({ ...receipt, applicant: { ...receipt.applicant, address: null } }, vi));
    expect(text).toMatch(/Địa chỉ: —/);
    expect(text).not.toContain('null');
  });
});

describe('apology and new-appointment slip (form 04)', () => {
  const apology: ApologySlipData = {
    code: '10001-260302-0001',
    receivingUnit: 'Xã Hòa Bình',
    applicantName: 'Trần Thị Hồng Nhung',
    procedure: 'Đăng ký thành lập hộ kinh doanh',
    receivedAt: '2026-03-02T03:00:00.000Z',
    previousDueAt: '2026-03-05T10:00:00.000Z',
    newDueAt: '2026-03-10T10:00:00.000Z',
    reason: 'Cần xác minh thêm thông tin về địa điểm kinh doanh',
    issuedAt: '2026-03-04T02:00:00.000Z',
    issuedBy: 'Lê Thị Thẩm Định',
  };

  it('states the reason and the new date, with the national motto', async () => {
    const text = pdfText(await apologySlipPdf(apology, vi));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Ông/Bà Trần Thị Hồng Nhung',
      'Cần xác minh thêm thông tin về địa điểm kinh doanh',
      '10/03/2026 17:00',
      'Lê Thị Thẩm Định',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(s);
    }
  });
});
