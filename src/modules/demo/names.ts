import { searchKey } from '../../platform/text/search-key.ts';
import type { Rng } from './prng.ts';
import type { Gender } from './reference-data.ts';

type Weighted = readonly (readonly [string, number])[];

/** 'Nguyễn:31, Trần:11' → [['Nguyễn', 31], ['Trần', 11]]: compact enough to read as a table. */
function weights(spec: string): Weighted {
  return spec.split(',').map((pair) => {
    const [name = '', weight = ''] = pair.split(':');
    return [name.trim(), Number(weight)] as const;
  });
}

/**
 * Vietnamese personal names for the demo staff. Family-name weights are rough national
 * shares, nudged towards the centre of the country (Võ, Huỳnh, Hồ are commoner in Hue
 * than in Hanoi). Tôn Thất / Tôn Nữ are left out on purpose: the showcase person is the
 * only one with that family name, so searching for it finds exactly one record.
 */
const FAMILY: Weighted = weights(
  'Nguyễn:31, Trần:11, Lê:10, Phạm:4, Hoàng:2, Huỳnh:3, Phan:5, Vũ:1, Võ:5, Đặng:2, Bùi:2, Đỗ:2, Hồ:4, Ngô:2, Dương:1, Lý:0.5',
);

const MIDDLE: Record<Gender, Weighted> = {
  MALE: weights('Văn:30, Đức:8, Minh:8, Hữu:8, Quang:6, Công:5, Ngọc:4, Thanh:5, Xuân:3, Đình:4, Quốc:4, Anh:3'),
  FEMALE: weights('Thị:45, Ngọc:8, Thu:6, Thanh:5, Minh:4, Hoài:3, Bảo:3, Phương:3, Kim:3, Khánh:2'),
};

const GIVEN: Record<Gender, readonly string[]> = {
  MALE: 'Hùng Dũng Tuấn Minh Quang Phúc Long Hải Nam Sơn Trung Thắng Hiếu Khoa Bảo Huy Tâm Lộc Thành Vinh Cường Toàn Định Nhân Tín Đạt Khánh Phong Tùng Việt'.split(
    ' ',
  ),
  FEMALE:
    'Lan Hương Hoa Mai Hằng Thảo Trang Linh Ngân Nhung Thủy Hà Hạnh Phương Yến Vy Duyên Hiền Quyên Nga Oanh Trâm Diệu Thư Loan My Nhi Uyên Huyền Giang'.split(
      ' ',
    ),
};

/** Family names seen among Tà Ôi, Cơ Tu and Pa Cô people in A Lưới and Nam Đông (demo approximation). */
const MINORITY_FAMILY: Weighted = weights('Hồ:8, Kăn:3, Nhâm:2, Quỳnh:2, Lê:2, Alăng:1, Pơloong:1');

export const MINORITY_ETHNICITIES: Weighted = weights('Tà Ôi:5, Cơ Tu:3, Pa Cô:2');

export function vietnameseName(rng: Rng, gender: Gender, isMinority = false): string {
  const family = rng.weighted(isMinority ? MINORITY_FAMILY : FAMILY);
  const middle = rng.weighted(MIDDLE[gender]);
  let given = rng.pick(GIVEN[gender]);
  // "Minh Minh" and the like do happen, but read as a generator bug in a demo.
  while (given === middle) given = rng.pick(GIVEN[gender]);
  return `${family} ${middle} ${given}`;
}

/**
 * The usual government mailbox style: given name plus initials, "hungnv" for Nguyễn Văn
 * Hùng, with a number when the province already has one. The domain is reserved
 * (RFC 2606), so a demo can never mail a real person.
 */
export function emailFor(fullName: string, taken: Set<string>): string {
  const parts = searchKey(fullName)
    .replace(/[^a-z ]/g, '')
    .split(' ')
    .filter(Boolean);
  const given = parts.at(-1) ?? 'canbo';
  const initials = parts
    .slice(0, -1)
    .map((p) => p[0])
    .join('');
  const base = `${given}${initials}`;
  let local = base;
  for (let n = 2; taken.has(local); n++) local = `${base}${n}`;
  taken.add(local);
  return `${local}@hue.example`;
}

const MOBILE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '032',
  '033',
  '035',
  '037',
  '038',
  '070',
  '077',
  '078',
  '079',
  '081',
  '083',
  '085',
  '088',
];

export function mobilePhone(rng: Rng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`;
}

/**
 * The 12-digit citizen ID (CCCD): 3-digit province of birth registration (046 for Hue),
 * a digit for gender and century (0/1 male/female born 1900–1999, 2/3 born 2000–2099),
 * the last two digits of the birth year, then 6 serial digits. The serial is random here
 * and redrawn until the number is unused in the demo.
 */
export function citizenId(rng: Rng, gender: Gender, birthDate: string, taken: Set<string>): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryDigit = (year >= 2000 ? 2 : 0) + (gender === 'FEMALE' ? 1 : 0);
  const head = `046${centuryDigit}${String(year % 100).padStart(2, '0')}`;
  for (;;) {
    const id = `${head}${rng.digits(6)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
