/**
 * Reads a judge's "Feedback: ... [RESULT] n". Judges write the tag in their own way, so the parser accepts every
 * localized tag of the prompt plus common variants, any bracket style or none (`[RESULT]`, `【结果】`, `RESULT:`,
 * `**[RESULT]**`), full-width and other script digits, "4/5" and text after the score. The last tag wins, because a
 * judge that first echoes the format line ("[RESULT] (an integer number between 1 and 5)") states its score after it.
 */
import { toAsciiDigits } from '../numerals';
import { RESULT_TAGS } from './judgePrompt';

export type VerdictFailure =
  /** No result tag anywhere in the output. */
  | 'no-result-tag'
  /** A tag, but no number after it. */
  | 'no-score'
  /** A number that is not an integer from 1 to 5. */
  | 'out-of-range';

export type ParsedVerdict =
  | { ok: true; score: number; feedback: string }
  | { ok: false; failure: VerdictFailure; detail: string };

/** Spellings beyond the prompt's own tags that judges produce. */
const EXTRA_TAGS = ['RESULTAT', 'RESULTS', 'RESULTADOS', 'ERGEBNISSE', '結果は', '结果为'];
const TAGS = [...new Set([...RESULT_TAGS, ...EXTRA_TAGS])].sort((a, b) => b.length - a.length);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const OPEN = '[\\[【［(（<«]';
const CLOSE = '[\\]】］)）>»]';
/** A tag, bracketed or bare, with the emphasis and separators around it. */
const TAG = new RegExp(`(?<open>${OPEN}\\s*)?(?<word>${TAGS.map(escape).join('|')})(?:\\s*${CLOSE})?`, 'giu');
/** What may sit between the tag and the score: emphasis, colons, "=", a spaced dash, "is", brackets. */
const SCORE = /^(?:[\s*_:：=>]|[-–—](?=\s))*(?:is\s+|es\s+|est\s+|ist\s+)?[\s*_([（【［]*(-?\d+(?:[.,]\d+)?)(?:\s*\/\s*5)?/iu;
const FEEDBACK_LABEL = /^[\s#*]*(?:Feedback|Retroalimentación|Iruzkina|Commentaire|フィードバック|反馈|反饋|Отзыв)\s*[:：]\s*/iu;

/** A bare lower-case "result" is prose ("the result is 42"), not the verdict: tags are bracketed, capitals or "word:". */
function isVerdictTag(tag: RegExpMatchArray, text: string): boolean {
  const { open, word } = tag.groups!;
  return open !== undefined || word === word.toUpperCase() || /^\s*[:：]/.test(text.slice(tag.index! + tag[0].length));
}

export function parseVerdict(output: string): ParsedVerdict {
  const text = toAsciiDigits(output);
  const tags = [...text.matchAll(TAG)].filter((tag) => isVerdictTag(tag, text));
  if (tags.length === 0) return { ok: false, failure: 'no-result-tag', detail: 'no [RESULT] tag in the judge output' };
  // The last tag followed by a number; an echoed format line ("[RESULT] (an integer ...)") has none.
  for (let k = tags.length - 1; k >= 0; k--) {
    const tag = tags[k];
    const match = SCORE.exec(text.slice(tag.index! + tag[0].length));
    if (match === null) continue;
    const value = Number(match[1].replace(',', '.'));
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      return { ok: false, failure: 'out-of-range', detail: `score ${match[1]} after ${tag[0].trim()} is not an integer from 1 to 5` };
    }
    const feedback = text.slice(0, tag.index).replace(FEEDBACK_LABEL, '').trim();
    return { ok: true, score: value, feedback };
  }
  return { ok: false, failure: 'no-score', detail: `no score after ${tags[tags.length - 1][0].trim()}` };
}
