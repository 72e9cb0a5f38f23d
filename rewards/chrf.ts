/**
 * chrF and chrF++ (Popović 2015, 2017), a line-by-line port of sacrebleu 2.6.0 `metrics/chrf.py` so that rewards
 * computed here equal the scores the papers report with sacrebleu. Deliberate details copied from sacrebleu:
 * - whitespace is Python's `str.isspace()` set (what `str.split()` splits on), not JavaScript's `\s`;
 * - n-grams are over Unicode code points, as Python indexes strings, not UTF-16 units;
 * - word n-grams split one leading or trailing ASCII punctuation mark off each word (so '(hi)' -> '(hi', ')');
 * - with several references, the segment keeps the statistics of the reference with the best sentence F-score;
 * - corpus statistics are summed over segments before one F-score is taken (not an average of sentence scores).
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

export interface ChrfOptions {
  /** Character n-gram order (sacrebleu default 6). */
  charOrder?: number;
  /** Word n-gram order: 0 is chrF, 2 is chrF++. */
  wordOrder?: number;
  /** Recall is weighted beta times as much as precision. */
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (sacrebleu `whitespace=True`); removed by default. */
  whitespace?: boolean;
  /**
   * Average per-order F-scores with 1e-16 for empty orders (chrF++.py, Moses, NLTK). Off: average precision and
   * recall over the orders where both sides have n-grams ("effective order", sacrebleu's default).
   */
  epsSmoothing?: boolean;
}

type ResolvedChrfOptions = Required<ChrfOptions>;

export const chrfDefaults: ResolvedChrfOptions = {
  charOrder: 6,
  wordOrder: 0,
  beta: 2,
  lowercase: false,
  whitespace: false,
  epsSmoothing: false,
};

export interface ChrfScore {
  /** 0..100, as sacrebleu reports it. */
  score: number;
  /** sacrebleu's metric name: chrF2, chrF2++, chrF3+ ... */
  name: string;
  /** Flattened [hypCount, refCount, matchCount] per order: char orders first, then word orders. */
  statistics: number[];
}

const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const PYTHON_WHITESPACE_GLOBAL = new RegExp(PYTHON_WHITESPACE.source, 'g');
const ASCII_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const EPS = 1e-16;

/** Defaults filled in for every option left out or undefined; other keys of `options` are ignored. */
export function resolveChrfOptions(options: ChrfOptions = {}): ResolvedChrfOptions {
  const resolved = { ...chrfDefaults };
  for (const key of Object.keys(chrfDefaults) as (keyof ChrfOptions)[]) {
    if (options[key] !== undefined) (resolved as Record<string, unknown>)[key] = options[key];
  }
  for (const key of ['charOrder', 'wordOrder'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 0) {
      throw new InputError(`chrF ${key} must be a non-negative integer, got ${resolved[key]}`);
    }
  }
  if (resolved.charOrder + resolved.wordOrder === 0) throw new InputError('chrF needs at least one n-gram order');
  if (!(resolved.beta > 0) || !Number.isFinite(resolved.beta)) {
    throw new InputError(`chrF beta must be a positive number, got ${resolved.beta}`);
  }
  return resolved;
}

/** Python's `s.split()`: runs of Unicode whitespace separate tokens; no empty tokens. */
export function pythonSplit(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((token) => token.length > 0);
}

type NgramCounts = Map<string, number>;

function count(ngrams: Iterable<string>): NgramCounts {
  const counts: NgramCounts = new Map();
  for (const ngram of ngrams) counts.set(ngram, (counts.get(ngram) ?? 0) + 1);
  return counts;
}

function* charNgrams(line: string, n: number, codePointStarts: number[]): Generator<string> {
  const codePoints = codePointStarts.length - 1;
  for (let i = 0; i + n <= codePoints; i++) yield line.slice(codePointStarts[i], codePointStarts[i + n]);
}

function allCharNgrams(text: string, order: number, keepWhitespace: boolean): NgramCounts[] {
  const line = keepWhitespace ? text : text.replace(PYTHON_WHITESPACE_GLOBAL, '');
  // UTF-16 offsets of each code point (plus the end) so that slicing never splits a surrogate pair.
  const codePointStarts: number[] = [];
  for (let offset = 0; offset < line.length; ) {
    codePointStarts.push(offset);
    offset += line.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  codePointStarts.push(line.length);
  const result: NgramCounts[] = [];
  for (let n = 1; n <= order; n++) result.push(count(charNgrams(line, n, codePointStarts)));
  return result;
}

/** sacrebleu `_remove_punctuation`: one ASCII punctuation mark is split off the end, else off the start. */
function wordsWithPunctuationSplit(text: string): string[] {
  const words: string[] = [];
  for (const word of pythonSplit(text)) {
    if ([...word].length === 1) {
      words.push(word);
    } else if (ASCII_PUNCTUATION.has(word[word.length - 1])) {
      words.push(word.slice(0, -1), word[word.length - 1]);
    } else if (ASCII_PUNCTUATION.has(word[0])) {
      words.push(word[0], word.slice(1));
    } else {
      words.push(word);
    }
  }
  return words;
}

function* wordNgrams(words: string[], n: number): Generator<string> {
  for (let i = 0; i + n <= words.length; i++) yield words.slice(i, i + n).join(' ');
}

function extractNgrams(text: string, options: ResolvedChrfOptions): NgramCounts[] {
  const line = options.lowercase ? text.toLowerCase() : text;
  const ngrams = allCharNgrams(line, options.charOrder, options.whitespace);
  if (options.wordOrder > 0) {
    const words = wordsWithPunctuationSplit(line);
    for (let n = 1; n <= options.wordOrder; n++) ngrams.push(count(wordNgrams(words, n)));
  }
  return ngrams;
}

function matchStatistics(hyp: NgramCounts, ref: NgramCounts): [number, number, number] {
  let hypCount = 0;
  let matchCount = 0;
  for (const [ngram, n] of hyp) {
    hypCount += n;
    const inRef = ref.get(ngram);
    if (inRef !== undefined) matchCount += Math.min(n, inRef);
  }
  let refCount = 0;
  for (const n of ref.values()) refCount += n;
  // sacrebleu does not count hypothesis n-grams of an order the reference lacks.
  return [ref.size > 0 ? hypCount : 0, refCount, matchCount];
}

/** sacrebleu `_compute_f_score`, same operations in the same order so that the floats agree bit for bit. */
export function chrfFromStatistics(statistics: readonly number[], options: ChrfOptions = {}): number {
  const { beta, epsSmoothing } = resolveChrfOptions(options);
  const order = statistics.length / 3;
  const factor = beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const [nHyp, nRef, nMatch] = statistics.slice(3 * i, 3 * i + 3);
    const prec = nHyp > 0 ? nMatch / nHyp : EPS;
    const rec = nRef > 0 ? nMatch / nRef : EPS;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : EPS;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = avgRec = 0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec === 0) return 0;
  score = (1 + factor) * avgPrec * avgRec;
  score /= factor * avgPrec + avgRec;
  return 100 * score;
}

export function chrfName(options: ChrfOptions = {}): string {
  const { beta, wordOrder } = resolveChrfOptions(options);
  return `chrF${beta}${'+'.repeat(wordOrder)}`;
}

/** Statistics of one hypothesis against the best of its references (first one wins ties, as in sacrebleu). */
function segmentStatistics(hyp: string, refs: readonly string[], options: ResolvedChrfOptions): number[] {
  if (refs.length === 0) throw new InputError('chrF needs at least one reference per hypothesis');
  const hypNgrams = extractNgrams(hyp, options);
  let best: number[] = [];
  let bestScore = -1;
  for (const ref of refs) {
    const refNgrams = extractNgrams(ref, options);
    const statistics = hypNgrams.flatMap((counts, i) => matchStatistics(counts, refNgrams[i]));
    const score = chrfFromStatistics(statistics, options);
    if (score > bestScore) {
      bestScore = score;
      best = statistics;
    }
  }
  return best;
}

/** sacrebleu `sentence_chrf(hyp, refs)`. */
export function sentenceChrf(hyp: string, refs: readonly string[], options: ChrfOptions = {}): ChrfScore {
  const resolved = resolveChrfOptions(options);
  const statistics = segmentStatistics(hyp, refs, resolved);
  return { score: chrfFromStatistics(statistics, resolved), name: chrfName(resolved), statistics };
}

/**
 * sacrebleu `corpus_chrf`. `refs[i]` holds the references of `hyps[i]` (sacrebleu takes reference streams instead:
 * its `refs[j][i]`); segments may have different numbers of references.
 */
export function corpusChrf(hyps: readonly string[], refs: readonly (readonly string[])[], options: ChrfOptions = {}): ChrfScore {
  const resolved = resolveChrfOptions(options);
  if (hyps.length !== refs.length) {
    throw new InputError(`chrF: ${hyps.length} hypotheses but references for ${refs.length} segments`);
  }
  if (hyps.length === 0) throw new InputError('chrF of an empty corpus is undefined');
  const statistics = new Array<number>(3 * (resolved.charOrder + resolved.wordOrder)).fill(0);
  hyps.forEach((hyp, i) => {
    segmentStatistics(hyp, refs[i], resolved).forEach((value, k) => (statistics[k] += value));
  });
  return { score: chrfFromStatistics(statistics, resolved), name: chrfName(resolved), statistics };
}

/** The translation reward of arXiv 2606.06428: sentence chrF / 100 for each sample against its references. */
export function chrfRewardBatch(
  hyps: readonly string[],
  refs: readonly (readonly string[])[],
  options: ChrfOptions = {},
): RewardResult[] {
  if (hyps.length !== refs.length) {
    throw new InputError(`chrF reward: ${hyps.length} hypotheses but references for ${refs.length} samples`);
  }
  return hyps.map((hyp, i) => {
    const { score, name } = sentenceChrf(hyp, refs[i], options);
    return { score: score / 100, components: { chrf: score }, reason: `${name} = ${score.toFixed(2)}` };
  });
}
