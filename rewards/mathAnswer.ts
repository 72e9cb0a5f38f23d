/**
 * Verifiable math reward: the final answer of a response, read as a number whatever script, numeral system or
 * locale it is written in, compared with the reference within a tolerance. Correctness is judged independently of
 * the response's language (a model that concludes in English when asked in Swahili is still right here; language
 * consistency is a separate reward).
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';
import {
  assertNumeralLanguage,
  findNumbers,
  hasCjkNumeral,
  normaliseNumerals,
  NumeralLanguage,
  ParsedNumber,
} from './numerals';

export type AnswerSource = 'boxed' | 'phrase' | 'last-number';

export interface ExtractedAnswer {
  source: AnswerSource;
  /** The span the answer was read from (boxed content, text after the phrase, or the number itself). */
  span: string;
  /** The first number of a boxed or phrase span, the last number of the text otherwise; null when none. */
  number: ParsedNumber | null;
}

/**
 * "The answer is" in every supported language (MGSM's few-shot wording first). All are tried whatever the
 * response's language, and the last occurrence in the text wins.
 */
const ANSWER_PHRASES: Record<NumeralLanguage, string[]> = {
  en: ['the answer is', 'final answer is', 'final answer:', 'answer:'],
  es: ['la respuesta es', 'respuesta final:', 'respuesta:'],
  fr: ['la réponse est', 'réponse finale :', 'réponse finale:', 'réponse :', 'réponse:'],
  de: ['die antwort lautet', 'die antwort ist', 'antwort:'],
  ru: ['ответ —', 'ответ -', 'ответ равен', 'ответ:'],
  zh: ['答案是', '答案为', '答案為', '答案：', '答案:'],
  ja: ['答えは', '答え：', '答え:', '解答：'],
  th: ['คำตอบคือ', 'คำตอบ:'],
  sw: ['jibu ni', 'jibu:'],
  bn: ['উত্তর হল', 'উত্তর হলো', 'উত্তর:'],
  te: ['సమాధానం', 'జవాబు'],
  eu: ['erantzuna da', 'erantzuna:', 'erantzuna'],
};

const PHRASE_PATTERN = new RegExp(
  [...new Set(Object.values(ANSWER_PHRASES).flat())]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'giu',
);

/** Content of the last \boxed{...} or \fbox{...}, braces balanced; null when there is none or it is unclosed. */
export function lastBoxed(text: string): string | null {
  const start = Math.max(text.lastIndexOf('\\boxed{'), text.lastIndexOf('\\fbox{'));
  if (start < 0) return null;
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

/** LaTeX that models put around numbers, rewritten as plain text (\frac{3}{4} -> 3/4, 1{,}234 -> 1,234). */
function stripLatex(text: string): string {
  return text
    .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(?:text|mathrm|textbf|mathbf|operatorname)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\{,\}/g, ',')
    .replace(/\\[,;:!]|~/g, '\u2009') // LaTeX thin spaces group digits: 1\,234
    .replace(/\\%/g, '%')
    .replace(/\^\s*\{?\\circ\}?|\\\$|\$|\\left|\\right/g, '');
}

/**
 * The final answer: the last \boxed{}, else the text after the last "the answer is" phrase (up to the end of its
 * line), else the last number. CJK numerals (二十五) count inside boxed and phrase spans; in the whole text only
 * when it has no other number, because 一 is also a word ("一些" = "some").
 */
export function extractFinalAnswer(response: string, language: string): ExtractedAnswer | null {
  const lang = assertNumeralLanguage(language);
  const boxed = lastBoxed(response);
  if (boxed !== null) {
    const span = normaliseNumerals(stripLatex(boxed));
    return { source: 'boxed', span: span.trim(), number: findNumbers(span, lang)[0] ?? null };
  }
  const phrases = [...response.matchAll(PHRASE_PATTERN)];
  const lastPhrase = phrases[phrases.length - 1];
  if (lastPhrase !== undefined) {
    const after = response.slice(lastPhrase.index! + lastPhrase[0].length).split('\n')[0];
    const span = normaliseNumerals(stripLatex(after));
    const number = findNumbers(span, lang)[0];
    if (number !== undefined) return { source: 'phrase', span: span.trim(), number };
  }
  const withoutCjk = normaliseNumerals(stripLatex(response), false);
  let numbers = findNumbers(withoutCjk, lang);
  if (numbers.length === 0 && hasCjkNumeral(withoutCjk)) numbers = findNumbers(normaliseNumerals(withoutCjk), lang);
  const last = numbers[numbers.length - 1];
  return last === undefined ? null : { source: 'last-number', span: last.text, number: last };
}

export interface MathAnswerOptions {
  /** Language of the problem: decides whether "1,234" is 1234 (en) or 1.234 (de). */
  language: string;
  /** |a - b| <= max(absoluteTolerance, relativeTolerance * |reference|); defaults 1e-6 and 1e-4. */
  absoluteTolerance?: number;
  relativeTolerance?: number;
}

function parseReference(reference: string | number, language: NumeralLanguage): ParsedNumber | null {
  if (typeof reference === 'number') return { value: reference, percent: false, text: String(reference) };
  const numbers = findNumbers(normaliseNumerals(stripLatex(reference)), language);
  return numbers.length === 1 ? numbers[0] : null;
}

/** Loose textual form for answers that are not numbers: case, spaces and a final period ignored. */
function normaliseText(text: string): string {
  return stripLatex(text).toLowerCase().replace(/\s+/g, '').replace(/[.。]$/, '');
}

/** A percent answer matches either its number (50% for 50) or its fraction (50% for 0.5). */
function numbersAgree(predicted: ParsedNumber, reference: ParsedNumber, abs: number, rel: number): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(abs, rel * Math.abs(b));
  if (predicted.percent === reference.percent) return close(predicted.value, reference.value);
  if (predicted.percent) return close(predicted.value, reference.value) || close(predicted.value / 100, reference.value);
  return close(predicted.value, reference.value) || close(predicted.value, reference.value / 100);
}

export function mathAnswerReward(response: string, reference: string | number, options: MathAnswerOptions): RewardResult {
  const language = assertNumeralLanguage(options.language);
  const abs = options.absoluteTolerance ?? 1e-6;
  const rel = options.relativeTolerance ?? 1e-4;
  if (!(abs >= 0) || !(rel >= 0)) throw new InputError('math reward tolerances must be non-negative numbers');
  const answer = extractFinalAnswer(response, language);
  const wrong = (reason: string): RewardResult => ({ score: 0, components: { correct: 0 }, reason });
  if (answer === null) return wrong('no final answer found');
  const referenceNumber = parseReference(reference, language);
  let correct: boolean;
  let compared: string;
  if (referenceNumber !== null) {
    correct = answer.number !== null && numbersAgree(answer.number, referenceNumber, abs, rel);
    compared = `${answer.number?.value ?? `'${answer.span}'`} vs reference ${referenceNumber.value}`;
  } else {
    correct = normaliseText(answer.span) === normaliseText(String(reference));
    compared = `'${answer.span}' vs reference '${reference}' as text`;
  }
  const reason = `${answer.source} answer ${compared}: ${correct ? 'correct' : 'wrong'}`;
  return correct ? { score: 1, components: { correct: 1 }, reason } : wrong(reason);
}

export interface MathAnswerSample {
  response: string;
  reference: string | number;
  language: string;
}

export function mathAnswerRewardBatch(
  samples: readonly MathAnswerSample[],
  tolerances: Omit<MathAnswerOptions, 'language'> = {},
): RewardResult[] {
  return samples.map((s) => mathAnswerReward(s.response, s.reference, { ...tolerances, language: s.language }));
}
