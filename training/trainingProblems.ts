/**
 * The problems a training run learns from: any dataset whose records have a question, a reference answer and a
 * language (the math recipes' records have them, and imported math datasets). Records marked `split: "eval"` are the
 * held-out set; records without a split are training records.
 */
import { InputError } from '../core/errors';

export interface TrainingProblem {
  id: string;
  language: string;
  question: string;
  answer: string;
  /** Reference solution steps; hints are prefixes of them. */
  steps: string[];
  split: 'train' | 'eval';
}

/** Parses a dataset's JSONL records; a record that cannot be trained on names its line and field. */
export function parseTrainingProblems(jsonl: string, datasetId: string): TrainingProblem[] {
  const problems: TrainingProblem[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `dataset ${datasetId}, record ${index + 1}`;
    const record = JSON.parse(line) as Record<string, unknown>;
    for (const field of ['id', 'language', 'question', 'answer'] as const) {
      if (typeof record[field] !== 'string' || record[field] === '') throw new InputError(`${where}: field "${field}" must be a non-empty string to train on`);
    }
    const steps = Array.isArray(record.steps) ? record.steps.map(String) : [];
    problems.push({
      id: record.id as string,
      language: record.language as string,
      question: record.question as string,
      answer: record.answer as string,
      steps,
      split: record.split === 'eval' ? 'eval' : 'train',
    });
  });
  if (problems.length === 0) throw new InputError(`dataset ${datasetId} has no records`);
  return problems;
}

/**
 * What a hint reveals a whole number of: reference steps (METHODS.md "LANG") or words, the whitespace-separated
 * pieces of the reference solution. Words let a hint fade gradually on a solution of one or two steps, where whole
 * steps can only jump from all or half of it to nothing.
 */
export const HINT_UNITS = ['step', 'word'] as const;
export type HintUnit = (typeof HINT_UNITS)[number];

function hintPieces(problem: TrainingProblem, unit: HintUnit): string[] {
  return unit === 'step' ? problem.steps : problem.steps.join(' ').split(/\s+/).filter(Boolean);
}

/** The number of whole steps (or words) a hint fraction reveals, rounded down. */
export function hintSizeOf(problem: TrainingProblem, fraction: number, unit: HintUnit = 'step'): number {
  return Math.floor(fraction * hintPieces(problem, unit).length);
}

/**
 * The prompt of a problem, with the first `hintSize` reference steps (or words) as a hint block. The markers are
 * ASCII and language-neutral so that a hint-free prompt in Swahili carries no English words that would pull the
 * answer to English.
 */
export function renderPrompt(problem: TrainingProblem, hintSize: number, unit: HintUnit = 'step'): string {
  const hint = hintSize > 0 ? `H: ${hintPieces(problem, unit).slice(0, hintSize).join(' ')}\n` : '';
  return `Q: ${problem.question}\n${hint}A:`;
}

/** The completion a policy is taught for a problem: its reference steps after the prompt's "A:". */
export function solutionText(steps: readonly string[]): string {
  return ` ${steps.join(' ')}`;
}
