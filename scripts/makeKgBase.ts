/**
 * Builds the base policy of the knowledge-graph methods (LongTraceRL, ContextRL): a fresh byte-level model cannot
 * read a context, so it is taught to by SFT on the training questions of a run config's `kgQuestions` dataset, each
 * over its gold documents only (no distractors: coping with those is what RL is for). A share of the demonstrations
 * names the chain's entities ("North Macedonia => denar"), the others the answer alone, so that a rubric reward has
 * something to choose between. Saved as safetensors with its settings in the metadata; then measured on the eval
 * split (answers never trained on) with the full context, gold documents only and closed-book.
 *
 *   npm run build && node dist/scripts/makeKgBase.js --config configs/longtrace-tiny.yaml --base configs/kg-tiny-base.yaml
 *
 * Same configs and thread count on the same machine: same bytes.
 */
import { readFileSync } from 'fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { resolveKgConfig } from '../datasets/kgStages';
import { loadKnowledgeGraph } from '../datasets/knowledgeGraphs';
import { buildLongTraceChunk } from '../datasets/longtraceQuestions';
import { chunkCount } from '../datasets/multiHopQuestion';
import { sessionCacheRunner, type GraphRunner } from '../engine/infer';
import { modelOfSize, namedSizes, type NamedSize } from '../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../engine/runtime';
import { PolicyState } from '../engine/train';
import { CHAIN_SEPARATOR } from '../rewards/entityAnswer';
import { longContextTask, type LongContextEpisode } from '../training/tasks/longContextTask';
import { baseTokenizer, greedyTexts, trainAndSaveBase } from './sftBase';

interface BaseBuild {
  file: string;
  size: NamedSize;
  maxSeqLen: number;
  sftSteps: number;
  batch: number;
  lr: number;
  /** Share of demonstrations that name the chain's entities before the answer. */
  chainShare: number;
  /** Examples longer than this (prompt and completion) are left out: every step pads to the longest one. */
  maxExampleTokens: number;
  /** Engine threads for the build (default: the run config's). */
  threads?: number;
  seed: number | string;
  /** Eval questions per language measured after training (0: none). */
  evalProblems: number;
  evalMaxTokens: number;
}


function readConfig(path: string, basePath: string): { dataset: Record<string, unknown>; base: BaseBuild; threads: number } {
  const raw = parseYaml(readFileSync(path, 'utf8')) as { dataset?: Record<string, unknown>; threads?: number };
  const base = parseYaml(readFileSync(basePath, 'utf8')) as Partial<BaseBuild> | null;
  if (raw?.dataset?.builder !== 'kgQuestions') throw new InputError(`${path}: dataset.builder must be kgQuestions for a knowledge-graph base`);
  if (!base) throw new InputError(`${basePath}: empty`);
  const need = (key: keyof BaseBuild, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(base[key])) throw new InputError(`${basePath}: ${key} must be ${what}, got ${JSON.stringify(base[key])}`);
  };
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  need('file', (v) => typeof v === 'string' && v.endsWith('.safetensors'), 'a .safetensors path');
  need('size', (v) => typeof v === 'string' && v in namedSizes, `one of ${Object.keys(namedSizes).join(', ')}`);
  for (const key of ['maxSeqLen', 'sftSteps', 'batch', 'maxExampleTokens'] as const) need(key, positiveInt, 'a positive integer');
  need('lr', (v) => typeof v === 'number' && v > 0, 'a positive number');
  need('chainShare', (v) => typeof v === 'number' && v >= 0 && v <= 1, 'a share in [0, 1]');
  return { dataset: raw.dataset, base: { seed: 0, evalProblems: 100, evalMaxTokens: 48, ...base } as BaseBuild, threads: base.threads ?? raw.threads ?? 1 };
}

/** The dataset's episodes, as the run's buildDataset makes its records. */
function datasetEpisodes(dataset: Record<string, unknown>): LongContextEpisode[] {
  const config = resolveKgConfig(dataset);
  const graph = loadKnowledgeGraph(config.kg);
  const records = Array.from({ length: chunkCount(config, config.chunkSize) }, (_, i) => buildLongTraceChunk(graph, config, i, config.chunkSize).records).flat();
  return records.map((r) => longContextTask.episode(r as unknown as Record<string, unknown>, `record ${r.id}`));
}

type View = 'context' | 'goldOnly' | 'closedBook';

async function measure(runner: GraphRunner, state: PolicyState, episodes: readonly LongContextEpisode[], build: BaseBuild) {
  const greedy = (prompts: string[]) => greedyTexts(runner, state, prompts, { seed: 'kg-base-eval', maxTokens: build.evalMaxTokens, batch: 25 });
  const out: Record<string, Record<View, { accuracy: number; rubric: number }> & { problems: number }> = {};
  for (const language of [...new Set(episodes.map((e) => e.language))]) {
    const of = episodes.filter((e) => e.language === language).slice(0, build.evalProblems);
    const views = {} as Record<View, { accuracy: number; rubric: number }>;
    for (const view of ['context', 'goldOnly', 'closedBook'] as const) {
      const texts = await greedy(of.map((e) => longContextTask.prompt(e, view === 'context' ? {} : { view })));
      const grades = texts.map((t, i) => longContextTask.evaluate(of[i], t));
      views[view] = { accuracy: grades.filter((g) => g.correct).length / of.length, rubric: grades.reduce((n, g) => n + g.metrics!.rubric, 0) / of.length };
    }
    out[language] = { problems: of.length, ...views };
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const { dataset, base, threads } = readConfig(flag('--config') ?? 'configs/longtrace-tiny.yaml', flag('--base') ?? 'configs/kg-tiny-base.yaml');
  const episodes = datasetEpisodes(dataset);
  const train = episodes.filter((e) => e.split === 'train');
  const rng = Rng.derive(base.seed, 'kg-base-chains');
  const all = train.map((e) => {
    const chain = rng.next() < base.chainShare;
    return { prompt: longContextTask.prompt(e, { view: 'goldOnly' }), completion: ` ${chain ? e.rubric.join(` ${CHAIN_SEPARATOR} `) : e.answer}`, chain };
  });
  const tokens = (e: { prompt: string; completion: string }) => baseTokenizer.encode(e.prompt, { bos: true }).length + baseTokenizer.encode(e.completion, { eos: true }).length;
  const examples = all.filter((e) => tokens(e) <= base.maxExampleTokens);
  const cache = new SessionCache(resolveRuntimeOptions({ threads }));
  try {
    const runner = sessionCacheRunner(cache);
    const state = PolicyState.init(modelOfSize(base.size, { maxSeqLen: base.maxSeqLen }), base.seed);
    const saved = await trainAndSaveBase(runner, state, examples, base, { drl: 'kg-base', dataset, threads });
    const report = {
      file: base.file,
      sha256: saved.sha256,
      bytes: saved.bytes,
      examples: examples.length,
      leftOutOverMaxExampleTokens: all.length - examples.length,
      chainExamples: examples.filter((e) => e.chain).length,
      longestExampleTokens: Math.max(...examples.map(tokens)),
      sftSeconds: saved.sftSeconds,
      lossEvery250Steps: saved.lossEvery250Steps,
      base: base.evalProblems > 0 ? await measure(runner, state, episodes.filter((e) => e.split === 'eval'), base) : null,
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
