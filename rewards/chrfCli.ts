/**
 * The core of `drl reward chrf`: reads files the way the sacrebleu CLI does and prints what it prints, so that a
 * score quoted from either tool can be compared character for character.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors';
import { ChrfOptions, corpusChrf, resolveChrfOptions, sentenceChrf } from './chrf';

/** The sacrebleu release whose algorithm `chrf.ts` reproduces; its signatures name it, so ours do too. */
export const SACREBLEU_VERSION = '2.6.0';

export interface ChrfCliOptions extends ChrfOptions {
  /** Hypothesis file, one segment per line. */
  hyp: string;
  /** Reference file(s), line-aligned with the hypotheses; several files give several references per segment. */
  ref: string | string[];
  /** One score line per segment instead of one corpus score. */
  sentence?: boolean;
  /** Corpus output: sacrebleu's default is JSON; 'text' is its `-f text` line. */
  format?: 'json' | 'text';
  /** Decimals printed (sacrebleu `--width`, default 1). */
  width?: number;
  /** Print the number alone (sacrebleu `--score-only`). */
  scoreOnly?: boolean;
}

const PYTHON_TRAILING_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

/** sacrebleu reads with `newline="\n"` and `rstrip()`s each line; a final newline does not start a segment. */
export function readSacrebleuLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.replace(PYTHON_TRAILING_WHITESPACE, ''));
}

/** Python's `f"{x:.{width}f}"`: like `toFixed`, except that exact ties round to even (12.25 -> "12.2"). */
export function pythonFixed(x: number, width: number): string {
  const rounded = x.toFixed(width);
  // A double's decimal expansion terminates, so 30 more digits show an exact tie as "...5000...".
  const isTie = new RegExp(`\\.\\d{${width}}50*$`).test(x.toFixed(Math.min(100, width + 30)));
  if (!isTie || Number(rounded[rounded.length - 1]) % 2 === 0) return rounded;
  // toFixed rounded the tie away from zero onto an odd digit: step one unit back toward zero.
  const units = (BigInt(rounded.replace('-', '').replace('.', '')) - 1n).toString().padStart(width + 1, '0');
  const digits = width === 0 ? units : `${units.slice(0, -width)}.${units.slice(-width)}`;
  return (rounded.startsWith('-') ? '-' : '') + digits;
}

/** Python's `repr(float)` for the JSON output: integral values keep a ".0". */
function pythonFloatRepr(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

function signature(numRefs: number, options: Required<ChrfOptions>): [string, string][] {
  return [
    ['nrefs', String(numRefs)],
    ['case', options.lowercase ? 'lc' : 'mixed'],
    ['eff', options.epsSmoothing ? 'no' : 'yes'],
    ['nc', String(options.charOrder)],
    ['nw', String(options.wordOrder)],
    ['space', options.whitespace ? 'yes' : 'no'],
    ['version', SACREBLEU_VERSION],
  ];
}

function formatScore(
  name: string,
  score: number,
  numRefs: number,
  options: Required<ChrfOptions>,
  cli: ChrfCliOptions,
  json: boolean,
): string {
  const width = cli.width ?? 1;
  const fixed = pythonFixed(score, width);
  if (cli.scoreOnly) return fixed;
  const pairs = signature(numRefs, options);
  const signatureText = pairs.map(([key, value]) => `${key}:${value}`).join('|');
  if (!json) return `${name}|${signatureText} = ${fixed}`;
  // Built by hand because Python's json.dumps prints 100.0 where JSON.stringify prints 100.
  const fields: [string, string][] = [
    ['name', JSON.stringify(name)],
    ['score', pythonFloatRepr(Number(fixed))],
    ['signature', JSON.stringify(signatureText)],
    ...pairs.map(([key, value]): [string, string] => [key, JSON.stringify(value)]),
  ];
  return `{\n${fields.map(([key, value]) => ` ${JSON.stringify(key)}: ${value}`).join(',\n')}\n}`;
}

/** Runs `drl reward chrf` and returns its standard output (without the final newline). */
export function chrfCli(cli: ChrfCliOptions): string {
  const options = resolveChrfOptions(cli);
  const width = cli.width ?? 1;
  if (!Number.isInteger(width) || width < 0 || width > 20) throw new InputError(`--width must be 0..20, got ${width}`);
  const hyps = readSacrebleuLines(cli.hyp);
  const refPaths = Array.isArray(cli.ref) ? cli.ref : [cli.ref];
  if (refPaths.length === 0) throw new InputError('chrF needs at least one reference file');
  const refStreams = refPaths.map(readSacrebleuLines);
  refStreams.forEach((stream, j) => {
    if (stream.length !== hyps.length) {
      throw new InputError(`${refPaths[j]} has ${stream.length} lines but ${cli.hyp} has ${hyps.length}`);
    }
  });
  const refsPerSegment = hyps.map((_, i) => refStreams.map((stream) => stream[i]));
  if (cli.sentence) {
    return hyps
      .map((hyp, i) => {
        const { name, score } = sentenceChrf(hyp, refsPerSegment[i], options);
        return formatScore(name, score, refPaths.length, options, cli, false);
      })
      .join('\n');
  }
  const { name, score } = corpusChrf(hyps, refsPerSegment, options);
  return formatScore(name, score, refPaths.length, options, cli, (cli.format ?? 'json') === 'json');
}
