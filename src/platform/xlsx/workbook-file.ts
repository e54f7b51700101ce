import ExcelJS from 'exceljs';

/**
 * Opening an uploaded workbook without trusting it. Before exceljs inflates anything, the
 * bytes are checked: an old binary .xls (OLE2) renamed to .xlsx, a file that is no ZIP at
 * all, a ZIP that is not a spreadsheet (no xl/workbook.xml), and a ZIP that would inflate
 * to more than `maxInflatedBytes` (a "zip bomb") are refused from the ZIP central
 * directory alone, so a small upload can never make the server hold gigabytes.
 */
export type WorkbookFileProblem = 'LEGACY_XLS' | 'NOT_A_WORKBOOK' | 'INFLATED_TOO_LARGE';

export type OpenedWorkbook = { ok: true; workbook: ExcelJS.Workbook } | { ok: false; problem: WorkbookFileProblem };

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_EOCD = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

type ZipEntry = { name: string; inflatedSize: number };

/** The entries of a ZIP's central directory, or null when the structure is not a ZIP. */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== ZIP_LOCAL) return null;
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === ZIP_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ZIP_CENTRAL) return null;
    const inflatedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({ name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'), inflatedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Checks the bytes, then loads the workbook; any failure is a problem code, never an exception. */
export async function openWorkbook(bytes: Buffer, maxInflatedBytes: number): Promise<OpenedWorkbook> {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE2_MAGIC)) return { ok: false, problem: 'LEGACY_XLS' };
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, problem: 'NOT_A_WORKBOOK' };
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) return { ok: false, problem: 'NOT_A_WORKBOOK' };
  // 0xffffffff marks a ZIP64 size, which no roster needs: treated as too large.
  const inflated = entries.reduce((sum, e) => sum + e.inflatedSize, 0);
  if (inflated > maxInflatedBytes || entries.some((e) => e.inflatedSize === 0xffffffff))
    return { ok: false, problem: 'INFLATED_TOO_LARGE' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: 'NOT_A_WORKBOOK' };
  }
  return { ok: true, workbook };
}
