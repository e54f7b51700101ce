import { describe, expect, it } from 'vitest';
import { acceptedMediaType, cleanFileName, contentDisposition, mediaTypeOfName, sniffMediaType } from './upload-rules.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('sniffMediaType', () => {
  it('recognises the three accepted signatures', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff, 0xe1, 0))).toBe('image/jpeg');
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
  });

  it('refuses look-alikes, truncated signatures and other formats', () => {
    expect(sniffMediaType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffMediaType(Buffer.from(' %PDF-1.4'))).toBeNull();
    expect(sniffMediaType(bytes(0xff, 0xd8))).toBeNull();
    // PNG signature with the DOS line-ending check byte changed (a text-mode-mangled file).
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00))).toBeNull();
    expect(sniffMediaType(Buffer.from('<html><body>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMediaType(bytes())).toBeNull();
  });
});

describe('mediaTypeOfName and acceptedMediaType', () => {
  it('maps extensions case-insensitively', () => {
    expect(mediaTypeOfName('A.PDF')).toBe('application/pdf');
    expect(mediaTypeOfName('a.Jpeg')).toBe('image/jpeg');
    expect(mediaTypeOfName('a.jpg')).toBe('image/jpeg');
    expect(mediaTypeOfName('a.png')).toBe('image/png');
    expect(mediaTypeOfName('a.pdf.exe')).toBeNull();
    expect(mediaTypeOfName('pdf')).toBeNull();
    expect(mediaTypeOfName('a.svg')).toBeNull();
  });

  it('accepts only when name and bytes agree', () => {
    expect(acceptedMediaType('to-khai.pdf', Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(acceptedMediaType('to-khai.pdf', Buffer.from('<html>'))).toBeNull();
    expect(acceptedMediaType('anh.png', bytes(0xff, 0xd8, 0xff))).toBeNull();
    expect(acceptedMediaType('trang.html', Buffer.from('%PDF-1.7'))).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment, NFC, without control or bidi-override characters', () => {
    expect(cleanFileName('C:\\Users\\x\\Giấy đề nghị.pdf')).toBe('Giấy đề nghị.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    // "Giấy" with a combining acute accent (NFD) becomes the precomposed form.
    expect(cleanFileName('Gia\u0301y.pdf')).toBe('Giáy.pdf');
    expect(cleanFileName('hoa\u202Efdp.exe')).toBe('hoafdp.exe');
    expect(cleanFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFileName('')).toBe('tep-dinh-kem');
    expect(cleanFileName(`${'x'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('is an attachment with an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('Giấy đề nghị (bản 2).pdf')).toBe(
      `attachment; filename="Giay de nghi _ban 2_.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20%28b%E1%BA%A3n%202%29.pdf`,
    );
  });

  it('never lets a quote or a line break into the header', () => {
    const header = contentDisposition('a"b\r\nX-Evil: 1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"')).toHaveLength(3);
    expect(header).toContain("filename*=UTF-8''a%22b%0D%0AX-Evil%3A%201.pdf");
  });

  it("encodes RFC 5987's reserved characters that encodeURIComponent leaves alone", () => {
    expect(contentDisposition("it's*.pdf")).toContain("filename*=UTF-8''it%27s%2A.pdf");
  });
});
