import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnameseNames } from './collation.ts';
import { collationKey, nameSortKey } from './name-sort-key.ts';

const sign = (n: number) => Math.sign(n);
const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Syllables with every Vietnamese vowel, modifier and tone, in both cases, plus minority-name shapes. */
const SYLLABLES = [
  'an',
  'ăn',
  'ân',
  'anh',
  'ánh',
  'ành',
  'ảnh',
  'ãnh',
  'ạnh',
  'đào',
  'dào',
  'đạo',
  'hà',
  'hạ',
  'hả',
  'hã',
  'há',
  'ha',
  'hương',
  'hưởng',
  'huong',
  'hường',
  'ơn',
  'ôn',
  'on',
  'ộn',
  'ởn',
  'uyên',
  'uyến',
  'yến',
  'yên',
  'thị',
  'thi',
  'thì',
  'văn',
  'vân',
  'vấn',
  'ngọc',
  'ngoc',
  'nguyễn',
  'nguyên',
  'phúc',
  'phuc',
  'quý',
  'quỳ',
  'trần',
  'tran',
  'lê',
  'le',
  "h'hen",
  'niê',
  'ksor',
  'rơ',
  'mah',
  'y-moan',
  'jơ',
  'wơn',
  'zen',
  'fa',
  'bế',
  'bê',
];
const syllable = fc.constantFrom(...SYLLABLES).chain((s) => fc.constantFrom(s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1)));
const name = fc
  .tuple(fc.array(syllable, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', ' ', ' ', '  ', '-'), fc.constantFrom('NFC', 'NFD'))
  .map(([parts, sep, form]) => parts.join(sep).normalize(form as 'NFC' | 'NFD'));

describe('nameSortKey', () => {
  it('orders any two generated names as compareVietnameseNames does (given name, then full name)', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sign(byteCompare(nameSortKey(a), nameSortKey(b)))).toBe(sign(compareVietnameseNames(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts 3,000 names exactly as the collator does', () => {
    const names = fc.sample(name, { numRuns: 3000, seed: 7 });
    const byCollator = [...names].sort(compareVietnameseNames);
    const byKey = [...names].sort((a, b) => byteCompare(nameSortKey(a), nameSortKey(b)));
    expect(byKey).toEqual(byCollator);
  });

  it('follows the Vietnamese alphabet, tones and case levels', () => {
    const sorted = (xs: string[]) => [...xs].sort((a, b) => byteCompare(collationKey(a), collationKey(b)));
    expect(sorted(['b', 'â', 'ạ', 'á', 'ă', 'a', 'à', 'ả', 'ã', 'A'])).toEqual(['a', 'A', 'à', 'ả', 'ã', 'á', 'ạ', 'ă', 'â', 'b']);
    expect(sorted(['đa', 'Da', 'da', 'ea'])).toEqual(['da', 'Da', 'đa', 'ea']);
    expect(sorted(['anh', 'an h', 'an', 'án'])).toEqual(['an', 'án', 'an h', 'anh']);
    expect(sorted(['a10', 'a2', 'a1'])).toEqual(['a1', 'a2', 'a10']);
  });

  it('gives precomposed and decomposed spellings the same key, and keeps keys printable ASCII', () => {
    expect(nameSortKey('Nguyễn Thị Ánh')).toBe(nameSortKey('Nguyễn Thị Ánh'.normalize('NFD')));
    expect(nameSortKey('Ksor H’Wen Niê')).toMatch(/^[\x20-\x7e]+$/);
  });
});
