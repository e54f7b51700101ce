/**
 * A byte-comparable sort key for Vietnamese personal names, so a database can order and page
 * a directory of 130,000 officials with an index (SQLite BINARY, PostgreSQL COLLATE "C")
 * in the order `compareVietnameseNames` gives: given name first, then the full name, each by
 * the Vietnamese collation (`Intl.Collator('vi', { sensitivity: 'variant', numeric: true })`).
 *
 * The key mirrors the collator's three levels (ICU/CLDR "vi" tailoring):
 *   1. primary: the letters of the Vietnamese alphabet a ă â b c d đ e ê … ơ … ư … (plus the
 *      Latin f j w z of minority names), with whitespace < punctuation < other < digits < letters;
 *      digit runs compare as numbers;
 *   2. secondary: the tone of each letter, unmarked < grave < hook < tilde < acute < dot below;
 *   3. tertiary: lower case < upper case.
 * A string's key is its primary weights, then '!' and its secondary weights, then '!' and its
 * tertiary weights, all printable ASCII. The name key is the given name's key, a space, and
 * the full name's key. The property test checks it against the collator on generated names;
 * marks outside Vietnamese (e.g. o-breve) sort after the tones, which ICU orders differently.
 */

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_WEIGHT = new Map([...ALPHABET].map((ch, i) => [ch, String.fromCharCode(0x41 + i)]));

/** Vowel modifiers are primary differences (a ≠ ă ≠ â); in NFD they follow the base letter. */
const MODIFIED: Record<string, string> = {
  'a\u0306': 'ă',
  'a\u0302': 'â',
  'e\u0302': 'ê',
  'o\u0302': 'ô',
  'o\u031b': 'ơ',
  'u\u031b': 'ư',
};
const MODIFIER_MARKS = new Set(['\u0306', '\u0302', '\u031b']);
/** Tones, in the collator's secondary order after the unmarked letter ('0'). */
const TONE: Record<string, string> = { '\u0300': '1', '\u0309': '2', '\u0303': '3', '\u0301': '4', '\u0323': '5' };

/** Punctuation that occurs in names, in the collator's primary order; all below digits and letters. */
const PUNCTUATION = ['_', '-', ',', ';', ':', '!', '?', '.', "'", '’', '"', '(', ')'];
const PUNCTUATION_WEIGHT = new Map(PUNCTUATION.map((ch, i) => [ch, String.fromCharCode(0x23) + String.fromCharCode(0x41 + i)]));

const WHITESPACE = '"'; // 0x22
const OTHER = '$'; // 0x24, then the code point in 6 hex digits
const DIGITS = '%'; // 0x25, then the run's length and digits
const LEVEL_SEPARATOR = '!'; // 0x21: below every weight, so a shorter primary sorts first

const isMark = (ch: string) => /\p{M}/u.test(ch);

type Element = { primary: string; secondary: string; tertiary: string };

function elementsOf(text: string): Element[] {
  const chars = [...text.normalize('NFD')];
  const out: Element[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    i++;
    if (/\d/.test(ch)) {
      let run = ch;
      while (i < chars.length && /\d/.test(chars[i] as string)) run += chars[i++];
      const digits = run.replace(/^0+(?=\d)/, '');
      out.push({ primary: DIGITS + String.fromCharCode(0x41 + Math.min(digits.length, 57)) + digits, secondary: '0', tertiary: '0' });
      continue;
    }
    const marks: string[] = [];
    while (i < chars.length && isMark(chars[i] as string)) marks.push(chars[i++] as string);
    const lower = ch.toLowerCase();
    const tertiary = lower !== ch ? '1' : '0';
    let letter = lower;
    let tone = '0';
    let foreign = false;
    for (const m of marks) {
      const modified = MODIFIER_MARKS.has(m) ? MODIFIED[letter + m] : undefined;
      if (modified) letter = modified;
      else if (TONE[m] && tone === '0') tone = TONE[m];
      else foreign = true;
    }
    const secondary = foreign ? String.fromCharCode(0x61 + Number(tone)) : tone;
    const weight = LETTER_WEIGHT.get(letter);
    if (weight) out.push({ primary: weight, secondary, tertiary });
    else if (/\s/.test(ch)) out.push({ primary: WHITESPACE, secondary: '0', tertiary: '0' });
    else {
      const p = PUNCTUATION_WEIGHT.get(ch) ?? OTHER + (ch.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
      out.push({ primary: p, secondary, tertiary });
    }
  }
  return out;
}

/** The three-level collation key of one string. */
export function collationKey(text: string): string {
  const elements = elementsOf(text);
  return [
    elements.map((e) => e.primary).join(''),
    elements.map((e) => e.secondary).join(''),
    elements.map((e) => e.tertiary).join(''),
  ].join(LEVEL_SEPARATOR);
}

/** The sort key of a personal name: given name (the last word), then the full name. */
export function nameSortKey(fullName: string): string {
  const given = fullName.trim().split(/\s+/).at(-1) ?? fullName;
  return `${collationKey(given)} ${collationKey(fullName)}`;
}
