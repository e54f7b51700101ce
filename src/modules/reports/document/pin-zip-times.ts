/**
 * exceljs (through JSZip) stamps every entry of the XLSX archive with the time of writing, so
 * two renders of the same snapshot would differ in those bytes alone. A stored report must
 * re-render byte for byte, so the modification time and date of every entry (local header and
 * central directory) are set to one given instant. Only those four bytes per header change:
 * the entries' data and CRCs are untouched, so the archive stays valid.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** MS-DOS time and date words (2-second precision, years from 1980) of a wall-clock time. */
export function dosDateTime(wall: { year: number; month: number; day: number; hour: number; minute: number; second: number }) {
  const time = (wall.hour << 11) | (wall.minute << 5) | Math.floor(wall.second / 2);
  const date = ((Math.max(wall.year, 1980) - 1980) << 9) | (wall.month << 5) | wall.day;
  return { time, date };
}

/** A copy of `zip` whose every entry carries `at` (UTC wall clock) as its modification time. */
export function pinZipTimes(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosDateTime({
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
  });
  // The end-of-central-directory record: the last 22 bytes unless the archive has a comment.
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--)
    if (out.readUInt32LE(i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let at0 = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at0) !== CENTRAL_HEADER) throw new Error(`bad central directory entry ${n}`);
    out.writeUInt16LE(time, at0 + 12);
    out.writeUInt16LE(date, at0 + 14);
    const local = out.readUInt32LE(at0 + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`bad local header of entry ${n}`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at0 += 46 + out.readUInt16LE(at0 + 28) + out.readUInt16LE(at0 + 30) + out.readUInt16LE(at0 + 32);
  }
  return out;
}
