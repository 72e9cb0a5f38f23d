/**
 * The multilingual math generator: pure and deterministic, so any chunk can be (re)computed anywhere and a second
 * run writes the same bytes.
 *
 * Problem k of a dataset is one drawn instance (template + numbers), rendered in every configured language; the
 * dataset lists them k-major (all languages of problem 0, then of problem 1, ...). Problems k < evalPerLanguage are
 * eval, the rest train. The split of an instance is a property of its content (see `splitOf`), and each problem
 * redraws its numbers until the instance belongs to its split, so an eval problem can never equal a train
 * problem, in any language, under any seed.
 */
import { InputError } from '../../core/errors';
import { hashString, Rng } from '../../core/rng';
import { validateMathConfig, type MathConfig } from './config';
import { applyOp, toCanonical, type Hundredths, type StepOp } from './decimal';
import type { MathLanguage } from './languages';
import { formatLocaleNumber, formatLocalePercent } from './localeNumbers';
import { TEMPLATE_IDS, TEMPLATES, templateHops, type RenderedText, type TemplateId } from './templates';
import { TEXTS } from './text';

export type MathSplit = 'train' | 'eval';

export interface RubricCheckpoint {
  /** What the value is, in English. */
  what: string;
  /** Canonical decimal. */
  value: string;
}

export interface MathProblem {
  id: string;
  language: MathLanguage;
  question: string;
  /** The reference solution, one sentence per step; the last one states the answer and contains `answer_text`. */
  steps: string[];
  /** The computation of each step, machine-readable: `ops[i]` is what `steps[i]` computes. */
  ops: StepOp[];
  /** Canonical decimal ("1234.5"). */
  answer: string;
  /** The answer as the language writes it ("1.234,5" in German). */
  answer_text: string;
  hops: number;
  english: RenderedText;
  /** LANG hints: `hints[h]` is the first h steps, for h = 0 .. hops - 1. */
  hints: string[][];
  /** ExpRL rubric: each step's result, the last one being the answer. */
  rubric: RubricCheckpoint[];
  template: TemplateId;
  split: MathSplit;
}

/** One drawn problem, before it is put into words. */
interface Instance {
  template: TemplateId;
  values: Record<string, Hundredths>;
  ops: StepOp[];
  rubric: RubricCheckpoint[];
}

/** One in five (template, numbers) pairs is eval; eval-only templates are always eval. */
const EVAL_BUCKETS = 5;
const MAX_DRAWS = 10_000;

function instanceKey(template: TemplateId, givens: Record<string, Hundredths>): string {
  const numbers = Object.keys(givens)
    .sort()
    .map((k) => `${k}=${toCanonical(givens[k])}`);
  return `${template}|${numbers.join(',')}`;
}

/** The split an instance belongs to: a function of its template and numbers only, never of seed or position. */
export function splitOf(template: TemplateId, givens: Record<string, Hundredths>): MathSplit {
  if (TEMPLATES[template].evalOnly) return 'eval';
  return hashString(instanceKey(template, givens)) % EVAL_BUCKETS === 0 ? 'eval' : 'train';
}

function solve(template: TemplateId, givens: Record<string, Hundredths>): Instance {
  const spec = TEMPLATES[template];
  const values: Record<string, Hundredths> = { ...givens };
  const ops: StepOp[] = [];
  const rubric: RubricCheckpoint[] = [];
  for (const step of spec.steps) {
    const result = applyOp(step.op, values[step.a], values[step.b]);
    values[step.result] = result;
    ops.push({ op: step.op, a: toCanonical(values[step.a]), b: toCanonical(values[step.b]), result: toCanonical(result) });
    rubric.push({ what: step.what, value: toCanonical(result) });
  }
  return { template, values, ops, rubric };
}

function drawInstance(config: MathConfig, k: number): Instance {
  const split: MathSplit = k < config.evalPerLanguage ? 'eval' : 'train';
  const eligible = TEMPLATE_IDS.filter(
    (id) =>
      templateHops(id) <= config.maxSteps && (split === 'eval' || !TEMPLATES[id].evalOnly) && (!config.templates || config.templates.includes(id)),
  );
  const rng = Rng.derive(config.seed, 'math-problem', k);
  // Pick the number of steps first so short and long problems are equally common, and the template once, so the
  // split rule redraws numbers only and does not favour eval-only templates. With a template list, the step counts
  // are those its templates have.
  const hopChoices = [...new Set(eligible.map(templateHops))].sort((a, b) => a - b);
  if (hopChoices.length === 0) throw new InputError(`no ${split} template among ${config.templates?.join(', ')}`);
  const hops = config.templates ? rng.pick(hopChoices) : 1 + rng.int(config.maxSteps);
  const template = rng.pick(eligible.filter((id) => templateHops(id) === hops));
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const givens = TEMPLATES[template].draw(rng) as Record<string, Hundredths>;
    if (splitOf(template, givens) === split) return solve(template, givens);
  }
  throw new Error(`no ${split} numbers found for template ${template} (problem ${k}) after ${MAX_DRAWS} draws`);
}

function render(instance: Instance, language: MathLanguage): RenderedText {
  const spec = TEMPLATES[instance.template];
  const percentKeys = spec.percentKeys as readonly string[];
  const written: Record<string, string> = {};
  const plain: Record<string, number> = {};
  for (const [key, value] of Object.entries(instance.values)) {
    const canonical = toCanonical(value);
    written[key] = percentKeys.includes(key)
      ? formatLocalePercent(canonical, language)
      : formatLocaleNumber(canonical, language);
    plain[key] = value / 100;
  }
  // The per-template key types were checked where the texts were written; here the template is only known at runtime.
  const texts = TEXTS[language][instance.template] as (v: Record<string, string>, n: Record<string, number>) => RenderedText;
  return texts(written, plain);
}

function toProblem(instance: Instance, k: number, language: MathLanguage, split: MathSplit): MathProblem {
  const text = render(instance, language);
  const answer = instance.ops[instance.ops.length - 1].result;
  return {
    id: `math-${k}-${language}`,
    language,
    question: text.question,
    steps: text.steps,
    ops: instance.ops,
    answer,
    answer_text: formatLocaleNumber(answer, language),
    hops: text.steps.length,
    english: render(instance, 'en'),
    hints: text.steps.map((_, h) => text.steps.slice(0, h)),
    rubric: instance.rubric,
    template: instance.template,
    split,
  };
}

/** Total number of problems the config describes (all languages). */
export function mathProblemCount(rawConfig: unknown): number {
  const config = validateMathConfig(rawConfig);
  return config.languages.length * config.problemsPerLanguage;
}

/**
 * Problems [chunkIndex * chunkSize, (chunkIndex + 1) * chunkSize) of the dataset, in dataset order; the last chunk
 * may be short and chunks past the end are empty. The result depends only on the config and the range.
 */
export function generateMathProblems(rawConfig: unknown, chunkIndex: number, chunkSize: number): MathProblem[] {
  const config = validateMathConfig(rawConfig);
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0) {
    throw new InputError(`chunkIndex must be a non-negative integer, got ${chunkIndex}`);
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InputError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const languageCount = config.languages.length;
  const total = languageCount * config.problemsPerLanguage;
  const start = chunkIndex * chunkSize;
  const end = Math.min(total, start + chunkSize);
  const problems: MathProblem[] = [];
  let instance: Instance | undefined;
  for (let g = start; g < end; g++) {
    const k = Math.floor(g / languageCount);
    const languageIndex = g % languageCount;
    if (!instance || languageIndex === 0) instance = drawInstance(config, k);
    problems.push(toProblem(instance, k, config.languages[languageIndex], k < config.evalPerLanguage ? 'eval' : 'train'));
  }
  return problems;
}
