/**
 * Numbers as models write them in the MGSM languages: digits of several scripts, CJK numerals, locale separators,
 * fractions and percents. Everything is first rewritten to ASCII digits and punctuation, then read with the
 * separator conventions of the response's language.
 */
import { InputError } from '../core/errors';

/** Languages whose conventions are known; MGSM's set plus Basque. */
export const NUMERAL_LANGUAGES = ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'th', 'sw', 'bn', 'te', 'eu'] as const;
export type NumeralLanguage = (typeof NUMERAL_LANGUAGES)[number];

/** Languages that write 1.234,5 (CLDR decimal comma); the others write 1,234.5. */
const DECIMAL_COMMA = new Set<NumeralLanguage>(['es', 'fr', 'de', 'ru', 'eu']);

export function assertNumeralLanguage(language: string): NumeralLanguage {
  if (!(NUMERAL_LANGUAGES as readonly string[]).includes(language)) {
    throw new InputError(`unsupported language '${language}' for numbers (known: ${NUMERAL_LANGUAGES.join(', ')})`);
  }
  return language as NumeralLanguage;
}

/** Code point of the zero of each decimal-digit block that is mapped to ASCII. */
const ZERO_CODE_POINTS = {
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  telugu: 0x0c66,
  thai: 0x0e50,
  fullwidth: 0xff10,
};

const SCRIPT_DIGIT = new RegExp(
  `[${Object.values(ZERO_CODE_POINTS).map((zero) => `\\u{${zero.toString(16)}}-\\u{${(zero + 9).toString(16)}}`).join('')}]`,
  'gu',
);

const PUNCTUATION_TO_ASCII: Record<string, string> = {
  '\u066b': '.', // Arabic decimal separator
  '\u066c': ',', // Arabic thousands separator
  '\u066a': '%', // Arabic percent sign
  '\uff05': '%',
  '\uff0c': ',',
  '\uff0e': '.',
  '\uff0f': '/',
  '\uff0d': '-',
  '\u2212': '-', // minus sign
  '\u2044': '/', // fraction slash
};

/** Script digits and full-width or Arabic punctuation rewritten to ASCII; everything else untouched. */
export function toAsciiDigits(text: string): string {
  return text
    .replace(SCRIPT_DIGIT, (digit) => {
      const code = digit.codePointAt(0)!;
      const zero = Object.values(ZERO_CODE_POINTS).find((z) => code >= z && code <= z + 9)!;
      return String(code - zero);
    })
    .replace(/[\u066a-\u066c\uff05\uff0c\uff0d\uff0e\uff0f\u2212\u2044]/g, (mark) => PUNCTUATION_TO_ASCII[mark]);
}

const CJK_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 兩: 2, 贰: 2, 貳: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CJK_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CJK_LARGE_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const CJK_NUMERAL_CHARS = [...Object.keys(CJK_DIGITS), ...Object.keys(CJK_SMALL_UNITS), ...Object.keys(CJK_LARGE_UNITS)].join('');
/** A CJK numeral run; ASCII numbers may take part when a unit follows them (3万5千, 1.5亿). */
const CJK_INTEGER = `(?:\\d+(?:\\.\\d+)?|[${CJK_NUMERAL_CHARS}])+`;
const CJK_NUMBER = new RegExp(
  `(?<sign>[负負])?(?:(?<percent>百分之)|(?<denominator>${CJK_INTEGER})分之)?(?<value>${CJK_INTEGER}(?:[点點][${Object.keys(CJK_DIGITS).join('')}\\d]+)?)`,
  'gu',
);

/** The value of a CJK integer such as 二十五, 一百零五, 两千三百万, 3万5千 or the positional 一〇五. */
function cjkIntegerValue(numeral: string): number {
  const tokens = numeral.match(new RegExp(`\\d+(?:\\.\\d+)?|[${CJK_NUMERAL_CHARS}]`, 'gu'))!;
  const hasUnit = tokens.some((t) => t in CJK_SMALL_UNITS || t in CJK_LARGE_UNITS);
  if (!hasUnit) return Number(tokens.map((t) => (t in CJK_DIGITS ? String(CJK_DIGITS[t]) : t)).join(''));
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  for (const token of tokens) {
    if (token in CJK_SMALL_UNITS) {
      section += (pending ?? 1) * CJK_SMALL_UNITS[token]; // a bare 十 is ten
      pending = null;
    } else if (token in CJK_LARGE_UNITS) {
      total += (section + (pending ?? 0) || 1) * CJK_LARGE_UNITS[token];
      section = 0;
      pending = null;
    } else {
      pending = token in CJK_DIGITS ? CJK_DIGITS[token] : Number(token);
    }
  }
  return total + section + (pending ?? 0);
}

function cjkValue(numeral: string): number {
  const [integer, fraction] = numeral.split(/[点點]/);
  const integerValue = cjkIntegerValue(integer);
  if (fraction === undefined) return integerValue;
  const fractionDigits = [...fraction].map((c) => (c in CJK_DIGITS ? String(CJK_DIGITS[c]) : c)).join('');
  return Number(`${integerValue}.${fractionDigits}`);
}

/**
 * CJK numerals rewritten as ASCII numbers: 二十五 -> 25, 三分之二 -> 2/3, 百分之五十 -> 50%, 负三 -> -3. A run
 * without any CJK numeral character (plain "123") is left alone.
 */
export function cjkNumeralsToAscii(text: string): string {
  return text.replace(CJK_NUMBER, (whole, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    if (/^[\d.]*$/.test(whole)) return whole;
    const sign = groups.sign ? '-' : '';
    const value = cjkValue(groups.value!);
    if (groups.percent) return `${sign}${value}%`;
    if (groups.denominator) return `${sign}${value}/${cjkIntegerValue(groups.denominator)}`;
    return `${sign}${value}`;
  });
}

/** True when the text holds a CJK numeral character (used to avoid reading 一些 "some" as a number). */
export function hasCjkNumeral(text: string): boolean {
  return new RegExp(`[${CJK_NUMERAL_CHARS}]`, 'u').test(text);
}

export interface ParsedNumber {
  value: number;
  /** Written with a percent sign: 50% has value 50 and percent true. */
  percent: boolean;
  /** The matched text, after conversion to ASCII digits. */
  text: string;
}

// Spaces that group digits: thin and narrow no-break spaces anywhere; plain and no-break spaces only in the
// decimal-comma languages (1 234,5), where English prose would otherwise merge "3 100" into one number.
const THIN_SPACES = '\\u2009\\u202f';
const ALL_SPACES = ' \\u00a0\\u2009\\u202f';

function numberPattern(language: NumeralLanguage): RegExp {
  const comma = DECIMAL_COMMA.has(language);
  const spaces = comma ? ALL_SPACES : THIN_SPACES;
  const decimal = comma ? '[.,]' : '\\.';
  const unsigned = [
    // Indian grouping (1,23,456), the usual way of writing large numbers in bn and te.
    ...(comma ? [] : ['\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d+)?']),
    '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?',
    '\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?',
    `\\d{1,3}(?:[${spaces}]\\d{3})+(?:[.,]\\d+)?`,
    `\\d+(?:${decimal}\\d+)?`,
  ].join('|');
  const signed = `(?:(?<![\\p{L}\\p{N}])-)?(?:${unsigned})(?!\\d)`;
  return new RegExp(`(?<![\\d.])(?<first>${signed})(?:\\s*/\\s*(?<second>${signed}))?(?<percent>\\s*%)?`, 'gu');
}

/** One number token read with the language's separators: the rightmost of "." and "," is the decimal mark. */
function readNumberToken(token: string, language: NumeralLanguage): number {
  const digits = token.replace(/[ \u00a0\u2009\u202f]/g, '');
  const commas = (digits.match(/,/g) ?? []).length;
  const dots = (digits.match(/\./g) ?? []).length;
  let decimalMark: string | null = null;
  if (commas > 0 && dots > 0) decimalMark = digits.lastIndexOf(',') > digits.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1) decimalMark = DECIMAL_COMMA.has(language) ? ',' : null;
  else if (dots === 1) {
    // In decimal-comma languages a single dot before exactly three digits groups thousands (de 1.234 = 1234).
    decimalMark = DECIMAL_COMMA.has(language) && /\.\d{3}$/.test(digits) ? null : '.';
  }
  if (decimalMark === null) return Number(digits.replace(/[.,]/g, ''));
  const withoutGroups = digits.split(decimalMark === ',' ? '.' : ',').join('');
  return Number(withoutGroups.replace(',', '.'));
}

/** Every number in `text` (ASCII digits expected: see `normaliseNumerals`), fractions and percents included. */
export function findNumbers(text: string, language: NumeralLanguage): ParsedNumber[] {
  const found: ParsedNumber[] = [];
  for (const match of text.matchAll(numberPattern(language))) {
    const { first, second, percent } = match.groups!;
    const numerator = readNumberToken(first, language);
    const value = second === undefined ? numerator : numerator / readNumberToken(second, language);
    if (Number.isFinite(value)) found.push({ value, percent: percent !== undefined, text: match[0].trim() });
  }
  return found;
}

/** Script digits, full-width forms and (when `withCjk`) CJK numerals rewritten as ASCII numbers. */
export function normaliseNumerals(text: string, withCjk = true): string {
  const ascii = toAsciiDigits(text);
  return withCjk ? cjkNumeralsToAscii(ascii) : ascii;
}
