/**
 * Builds LANG's base policy (issue 7 item 2): a fresh byte-level model trained with SFT on the run's math problems,
 * about 40% of the non-English solutions in English (scripts/langBase.ts), saved as safetensors with its settings in
 * the metadata; then measures the base as LANG's report does (hint-free greedy accuracy and language consistency per
 * language on the eval split).
 *
 *   npm run build && node dist/scripts/makeLangBase.js --config configs/lang-tiny.yaml --base configs/lang-tiny-base.yaml
 *
 * Reads the run config's `dataset` block (the same records `drl data build` makes) and the base's own settings;
 * writes the base's `file` and prints a JSON report (sha256 of the file, SFT seconds, the base's measurements). Same
 * configs and thread count on the same machine: same bytes.
 */
import { readFileSync } from 'fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/errors';
import { canonicalDatasetRequest } from '../datasets/datasetBuilders';
import { generateMathProblems, mathProblemCount } from '../datasets/math';
import { sessionCacheRunner, type GraphRunner } from '../engine/infer';
import { namedSizes, type NamedSize } from '../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../engine/runtime';
import { PolicyState } from '../engine/train';
import { langBaseExamples, type LangBaseRecord } from './langBase';
import { greedyTexts, trainAndSaveBase } from './sftBase';
import { languageConsistencyReward } from '../rewards/languageConsistency';
import { mathAnswerReward } from '../rewards/mathAnswer';
import { mathTask } from '../training/tasks/mathTask';

interface BaseBuild {
  file: string;
  size: NamedSize;
  sftSteps: number;
  batch: number;
  lr: number;
  englishShare: number;
  hintedShare: number;
  seed: number | string;
  /** Eval problems per language measured after training (0: none). */
  evalProblems: number;
  evalMaxTokens: number;
}

function readConfig(path: string, basePath: string): { dataset: Record<string, unknown>; base: BaseBuild; threads: number } {
  const raw = parseYaml(readFileSync(path, 'utf8')) as { dataset?: Record<string, unknown>; threads?: number };
  const base = parseYaml(readFileSync(basePath, 'utf8')) as Partial<BaseBuild> | null;
  if (!raw?.dataset) throw new InputError(`${path}: needs a dataset block`);
  if (!base) throw new InputError(`${basePath}: empty`);
  const need = (key: keyof BaseBuild, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(base[key])) throw new InputError(`${basePath}: ${key} must be ${what}, got ${JSON.stringify(base[key])}`);
  };
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  need('file', (v) => typeof v === 'string' && v.endsWith('.safetensors'), 'a .safetensors path');
  need('size', (v) => typeof v === 'string' && v in namedSizes, `one of ${Object.keys(namedSizes).join(', ')}`);
  need('sftSteps', positiveInt, 'a positive integer');
  need('batch', positiveInt, 'a positive integer');
  need('lr', (v) => typeof v === 'number' && v > 0, 'a positive number');
  return {
    dataset: raw.dataset,
    base: { englishShare: 0.4, hintedShare: 0.3, seed: 0, evalProblems: 200, evalMaxTokens: 96, ...base } as BaseBuild,
    threads: raw.threads ?? 1,
  };
}

/** The dataset's records, as the run's buildDataset makes them (the builder fields are not part of the generator config). */
function datasetRecords(path: string, dataset: Record<string, unknown>): LangBaseRecord[] {
  const { builder, chunkSize: _chunkSize, ...math } = dataset;
  if (builder !== 'math') throw new InputError(`${path}: dataset.builder must be math for a LANG base, got ${JSON.stringify(builder)}`);
  return generateMathProblems(math, 0, mathProblemCount(math));
}

interface LanguageMeasure {
  problems: number;
  accuracy: number;
  consistency: number;
  /** Accuracy on the multi-step problems with one reference step as a hint. */
  hintedAccuracy: number | null;
}

async function measure(runner: GraphRunner, state: PolicyState, evalRecords: readonly LangBaseRecord[], build: BaseBuild): Promise<Record<string, LanguageMeasure>> {
  const greedy = (prompts: string[]) => greedyTexts(runner, state, prompts, { seed: 'lang-base-eval', maxTokens: build.evalMaxTokens, batch: 50 });
  const out: Record<string, LanguageMeasure> = {};
  for (const language of [...new Set(evalRecords.map((r) => r.language))]) {
    const records = evalRecords.filter((r) => r.language === language).slice(0, build.evalProblems);
    const episodeOf = (r: LangBaseRecord) => mathTask.episode(r as unknown as Record<string, unknown>, `record ${r.id}`);
    const texts = await greedy(records.map((r) => mathTask.prompt(episodeOf(r))));
    const multi = records.filter((r) => r.steps.length > 1);
    // One reference step shown, the base's hinted form.
    const hinted = await greedy(multi.map((r) => mathTask.prompt(episodeOf(r), { hint: r.steps[0] })));
    const correct = (text: string, r: LangBaseRecord) => mathAnswerReward(text, r.answer, { language }).score;
    out[language] = {
      problems: records.length,
      accuracy: texts.reduce((n, t, i) => n + correct(t, records[i]), 0) / records.length,
      consistency: texts.reduce((n, t) => n + languageConsistencyReward(t, language).score, 0) / records.length,
      hintedAccuracy: multi.length === 0 ? null : hinted.reduce((n, t, i) => n + correct(t, multi[i]), 0) / multi.length,
    };
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const configPath = flag('--config') ?? 'configs/lang-tiny.yaml';
  const { dataset: raw, base, threads } = readConfig(configPath, flag('--base') ?? 'configs/lang-tiny-base.yaml');
  // Old spellings (`recipe: lang`) are read as today's; the metadata records the canonical request.
  const { request: dataset, warnings } = canonicalDatasetRequest(raw);
  for (const warning of warnings) process.stderr.write(`${configPath}: warning: ${warning}\n`);
  const records = datasetRecords(configPath, dataset);
  const examples = langBaseExamples(records, base);
  const nonEnglish = examples.filter((e) => e.language !== 'en');
  const cache = new SessionCache(resolveRuntimeOptions({ threads }));
  try {
    const runner = sessionCacheRunner(cache);
    const state = PolicyState.init(namedSizes[base.size], base.seed);
    const saved = await trainAndSaveBase(runner, state, examples, base, { drl: 'lang-base', dataset, threads });
    const evalRecords = records.filter((r) => r.split === 'eval');
    const report = {
      file: base.file,
      sha256: saved.sha256,
      bytes: saved.bytes,
      examples: examples.length,
      englishShareOfNonEnglish: nonEnglish.filter((e) => e.inEnglish).length / Math.max(nonEnglish.length, 1),
      hintedExamples: examples.filter((e) => e.hintSteps > 0).length,
      sftSeconds: saved.sftSeconds,
      lossEvery250Steps: saved.lossEvery250Steps,
      base: base.evalProblems > 0 ? await measure(runner, state, evalRecords, base) : null,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await cache.release();
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.name}: ${err.message}\n`);
  process.exitCode = err instanceof InputError ? 2 : 1;
});
