/**
 * Writing and reading numbers the way each language of the generator does (separators and digits from Intl/CLDR,
 * see languages.ts). Parsing is the exact inverse of formatting, so `answer_text` round-trips to `answer`, and it is
 * strict: a string that is not a well-formed number of that locale is an InputError, never a best guess.
 */
import { InputError } from '../../core/errors';
import { isMathLanguage, MATH_LANGUAGES, NUMBER_CONVENTIONS, type MathLanguage } from './languages';

const numberFormats = new Map<MathLanguage, Intl.NumberFormat>();
const percentFormats = new Map<MathLanguage, Intl.NumberFormat>();

function numberFormat(language: MathLanguage): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    const { locale, numberingSystem } = NUMBER_CONVENTIONS[language];
    format = new Intl.NumberFormat(locale, { numberingSystem, minimumFractionDigits: 0, maximumFractionDigits: 2 });
    numberFormats.set(language, format);
  }
  return format;
}

function percentFormat(language: MathLanguage): Intl.NumberFormat {
  let format = percentFormats.get(language);
  if (!format) {
    const { locale, numberingSystem } = NUMBER_CONVENTIONS[language];
    format = new Intl.NumberFormat(locale, { numberingSystem, style: 'percent', maximumFractionDigits: 2 });
    percentFormats.set(language, format);
  }
  return format;
}

/** A canonical decimal ("1234.5") as the language writes it ("1.234,5" in German, "১,২৩৪.৫" in Bengali). */
export function formatLocaleNumber(canonical: string, language: MathLanguage): string {
  return numberFormat(language).format(Number(canonical));
}

/** A percentage given as its number ("25") written with the locale's percent pattern ("25 %", "% 25", "২৫%"). */
export function formatLocalePercent(canonicalPercent: string, language: MathLanguage): string {
  return percentFormat(language).format(Number(canonicalPercent) / 100);
}

interface NumberSymbols {
  digits: Map<string, string>;
  decimal: string;
  groups: Set<string>;
  minus: Set<string>;
}

const symbolsCache = new Map<MathLanguage, NumberSymbols>();

const SPACE_LIKE = [' ', '\u00a0', '\u202f'];

function numberSymbols(language: MathLanguage): NumberSymbols {
  const cached = symbolsCache.get(language);
  if (cached) return cached;
  const format = numberFormat(language);
  const digits = new Map<string, string>();
  for (let d = 0; d <= 9; d++) {
    digits.set(String(d), String(d));
    digits.set(format.format(d), String(d));
  }
  const parts = format.formatToParts(-1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  // French and Russian group with a (narrow) no-break space; people and other tools type any space there.
  const groups = new Set(SPACE_LIKE.includes(group) ? SPACE_LIKE : [group]);
  const minus = new Set(['-', '\u2212', parts.find((p) => p.type === 'minusSign')?.value ?? '-']);
  const symbols = { digits, decimal, groups, minus };
  symbolsCache.set(language, symbols);
  return symbols;
}

/**
 * Parses a number written in `language`'s convention: German "1.234,5" is 1234.5, German "1.234" is 1234, Bengali
 * "১২,৩৪,৫৬৭.৫" is 1234567.5. Western digits are accepted in every language. Group separators must sit between
 * groups of 2 or 3 digits (3 for the last one, 2 inside Indian-style grouping).
 */
export function parseLocaleNumber(text: string, language: string): number {
  return Number(parseLocaleDecimal(text, language));
}

/** As `parseLocaleNumber`, but returns the exact canonical decimal ("1.234,50" in de is "1234.5"), never a float. */
export function parseLocaleDecimal(text: string, language: string): string {
  if (!isMathLanguage(language)) {
    throw new InputError(`unknown language "${language}"; supported: ${MATH_LANGUAGES.join(', ')}`);
  }
  const { digits, decimal, groups, minus } = numberSymbols(language);
  const fail = (why: string): never => {
    throw new InputError(`"${text}" is not a ${language} number: ${why}`);
  };
  const chars = Array.from(text.trim());
  let ascii = '';
  chars.forEach((ch, i) => {
    const digit = digits.get(ch);
    if (digit !== undefined) ascii += digit;
    else if (ch === decimal) ascii += '.';
    else if (groups.has(ch)) ascii += 'G';
    else if (i === 0 && minus.has(ch)) ascii += '-';
    else fail(`unexpected character "${ch}"`);
  });
  if (ascii.split('.').length > 2) fail(`more than one decimal separator "${decimal}"`);
  if (/\..*G/.test(ascii)) fail(`group separator after the decimal separator "${decimal}"`);
  const match = /^(-?)(\d+(?:G\d+)*)(?:\.(\d+))?$/.exec(ascii);
  if (!match) return fail(ascii.replace('-', '') === '' ? 'no digits' : 'malformed');
  const [, sign, integer, fraction] = match;
  const groupsOfDigits = integer.split('G');
  if (groupsOfDigits.length > 1) {
    const [first, ...rest] = groupsOfDigits;
    const last = rest[rest.length - 1];
    const middleOk = rest.slice(0, -1).every((g) => g.length === 2 || g.length === 3);
    if (first.length > 3 || last.length !== 3 || !middleOk) fail('misplaced group separator');
  }
  return canonicalDecimal(sign, groupsOfDigits.join(''), fraction ?? '');
}

/**
 * The canonical decimal of a JavaScript number, digit for digit as its shortest round-trip form, with exponents
 * written out (1e21 is "1000000000000000000000", 1e-7 is "0.0000001").
 */
export function canonicalDecimalOf(value: number): string {
  if (!Number.isFinite(value)) throw new InputError(`${value} is not a finite number`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new Error(`unexpected number form ${String(value)}`);
  const [, sign, integer, fraction = '', exponentText = '0'] = match;
  const digits = integer + fraction;
  const point = integer.length + Number(exponentText);
  if (point <= 0) return canonicalDecimal(sign, '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return canonicalDecimal(sign, digits + '0'.repeat(point - digits.length), '');
  return canonicalDecimal(sign, digits.slice(0, point), digits.slice(point));
}

/** No grouping, "." as separator, no leading zeros, no trailing fraction zeros, no negative zero. */
function canonicalDecimal(sign: string, integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '');
  const part = fraction.replace(/0+$/, '');
  const unsigned = part ? `${whole}.${part}` : whole;
  return sign && unsigned !== '0' ? `-${unsigned}` : unsigned;
}
