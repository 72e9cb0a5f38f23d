/**
 * Meta-evaluation of a judge: grade human-scored examples from a JSONL file and correlate the judge's scores with
 * the human ones. Examples whose verdict could not be parsed (after the re-asks) are counted, not correlated.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors';
import { pearson, spearman } from '../pearson';
import { isJudgeInstructionLanguage } from './judgePrompt';
import { JudgeBackend, JudgeOptions, judgeScoreBatch } from './judgeScore';

export interface MetaEvalExample {
  instruction: string;
  response: string;
  reference: string;
  human_score: number;
  /** Language of the material; the instructions follow it when they are localized and not kept in English. */
  language?: string;
}

/** Examples from a JSONL file; every error names the file, the line and the field. */
export function readMetaEvalJsonl(file: string): MetaEvalExample[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as Error).message})`);
  }
  const examples: MetaEvalExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch (err) {
      throw new InputError(`${where}: not JSON (${(err as Error).message})`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InputError(`${where}: not a JSON object`);
    for (const field of ['instruction', 'response', 'reference']) {
      if (typeof record[field] !== 'string') throw new InputError(`${where}: field "${field}" must be a string`);
    }
    if (typeof record.human_score !== 'number' || !Number.isFinite(record.human_score)) {
      throw new InputError(`${where}: field "human_score" must be a number, got ${JSON.stringify(record.human_score)}`);
    }
    if (record.language !== undefined && typeof record.language !== 'string') throw new InputError(`${where}: field "language" must be a string`);
    examples.push({
      instruction: record.instruction as string,
      response: record.response as string,
      reference: record.reference as string,
      human_score: record.human_score,
      ...(record.language !== undefined ? { language: record.language as string } : {}),
    });
  });
  if (examples.length === 0) throw new InputError(`${file}: no examples`);
  return examples;
}

export interface MetaEvalReport {
  count: number;
  /** Examples with a parsable verdict: the pairs the correlations are computed on. */
  graded: number;
  parseFailures: number;
  parseFailureRate: number;
  pearson: number | null;
  spearman: number | null;
  /** Judge attempts in all, re-asks included. */
  attempts: number;
}

export interface MetaEvalOptions extends Omit<JudgeOptions, 'instructionsLanguage'> {
  /** Keep the instructions in English instead of following each example's language. */
  englishInstructions?: boolean;
  concurrency?: number;
}

export async function metaEvaluate(backend: JudgeBackend, examples: readonly MetaEvalExample[], options: MetaEvalOptions): Promise<MetaEvalReport> {
  // The batch grades with one instructions language, so examples are grouped by the language their prompt uses.
  const languageOf = (e: MetaEvalExample) =>
    !options.englishInstructions && e.language !== undefined && isJudgeInstructionLanguage(e.language) ? e.language : 'en';
  const verdicts = new Array<number | null>(examples.length);
  let attempts = 0;
  for (const language of new Set(examples.map(languageOf))) {
    const indices = examples.flatMap((e, i) => (languageOf(e) === language ? [i] : []));
    const results = await judgeScoreBatch(
      backend,
      indices.map((i) => examples[i]),
      { ...options, instructionsLanguage: language, seed: `${options.seed}/${language}` },
    );
    results.forEach((r, k) => {
      verdicts[indices[k]] = r.verdict;
      attempts += r.attempts;
    });
  }
  const graded = examples.flatMap((e, i) => (verdicts[i] === null ? [] : [{ judge: verdicts[i] as number, human: e.human_score }]));
  const judge = graded.map((g) => g.judge);
  const human = graded.map((g) => g.human);
  return {
    count: examples.length,
    graded: graded.length,
    parseFailures: examples.length - graded.length,
    parseFailureRate: (examples.length - graded.length) / examples.length,
    pearson: pearson(judge, human),
    spearman: spearman(judge, human),
    attempts,
  };
}
