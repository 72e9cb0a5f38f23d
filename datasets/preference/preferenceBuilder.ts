/**
 * Synthetic preference data for RLHF (InstructGPT's three trainings), as a buildDataset builder. Each record is a
 * prompt with a demonstration (what SFT teaches), a ranked pair (what a reward model or DPO learns from) and the
 * hidden truth (`truth.target`) that scores any response, so a policy's true win rate can be measured on its own
 * samples. Demonstrations and pairs are drawn separately, as InstructGPT's labelers wrote demonstrations and ranked
 * model outputs apart. README.md in this folder gives the record schema and how the spurious feature is planted.
 */
import { z } from 'zod';
import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import type { DatasetBuilder } from '../datasetBuilder';
import { ECHO_WORDS, echoPrompt, echoResponse, hasSpuriousFeature, trueEchoScore } from './echoPreference';

/** Bumped whenever the same config would produce different records. */
export const PREFERENCE_GENERATOR = 'durable-rl/datasets/preference@1';

const STAGE = 'pairs';

const configSchema = z
  .object({
    builder: z.literal('preference'),
    seed: z.union([z.number().int(), z.string().min(1)]).default(0),
    trainRecords: z.number().int().positive().default(400).describe('records of the training split'),
    evalRecords: z.number().int().positive().default(100).describe('records of the held-out split'),
    spuriousShare: z.number().min(0).max(1).default(0.8).describe('in training pairs, how often the preferred response is the one with the trailing "!!!" (held-out pairs: 0.5, no correlation)'),
    demonstrationSuffixShare: z.number().min(0).max(1).default(0.3).describe('how often a demonstration ends with "!!!"'),
    maxErrors: z.number().int().min(1).max(3).default(2).describe('the most letters a drawn response gets wrong'),
    chunkSize: z.number().int().positive().default(100),
  })
  .strict();

export type PreferenceConfig = z.infer<typeof configSchema>;

export interface PreferenceRecord {
  id: string;
  split: 'train' | 'eval';
  language: 'en';
  prompt: string;
  demonstration: string;
  chosen: string;
  rejected: string;
  truth: { target: string; chosenScore: number; rejectedScore: number };
}

function resolveConfig(raw: Record<string, unknown>): PreferenceConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`invalid preference dataset config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Record `index` (train records first, then held-out ones): a pure function of the config and the index. */
export function preferenceRecord(config: PreferenceConfig, index: number): PreferenceRecord {
  const split = index < config.trainRecords ? 'train' : 'eval';
  const rng = Rng.derive(config.seed, 'preference', index);
  const target = rng.pick(ECHO_WORDS);
  const demonstration = echoResponse(target, rng.int(config.maxErrors + 1), rng.next() < config.demonstrationSuffixShare, rng);
  // Two responses with different true scores; exactly one carries the suffix, the preferred one as often as spuriousShare says.
  const [fewer, more] = distinctErrorCounts(config.maxErrors, rng);
  const suffixOnChosen = rng.next() < (split === 'train' ? config.spuriousShare : 0.5);
  const chosen = echoResponse(target, fewer, suffixOnChosen, rng);
  const rejected = echoResponse(target, more, !suffixOnChosen, rng);
  const truth = { target, chosenScore: trueEchoScore(target, chosen), rejectedScore: trueEchoScore(target, rejected) };
  return { id: `preference-${index}`, split, language: 'en', prompt: echoPrompt(target), demonstration, chosen, rejected, truth };
}

function distinctErrorCounts(maxErrors: number, rng: Rng): [number, number] {
  const a = rng.int(maxErrors + 1);
  const b = (a + 1 + rng.int(maxErrors)) % (maxErrors + 1);
  return a < b ? [a, b] : [b, a];
}

function checkStage(stage: string): void {
  if (stage !== STAGE) throw new Error(`preference datasets have no stage "${stage}" (only "${STAGE}")`);
}

const total = (config: PreferenceConfig) => config.trainRecords + config.evalRecords;

export const preferenceBuilder: DatasetBuilder<PreferenceConfig> = {
  generator: PREFERENCE_GENERATOR,
  kind: 'preference',
  summary: 'prompts with a demonstration, a ranked pair and a hidden true preference; a spurious feature planted in the training pairs',
  resolveConfig,
  stages: () => [STAGE],
  upstream(stage) {
    checkStage(stage);
    return [];
  },
  chunkCount(config, stage) {
    checkStage(stage);
    return Math.ceil(total(config) / config.chunkSize);
  },
  computeChunk({ stage, config, index }) {
    checkStage(stage);
    const first = index * config.chunkSize;
    const records = Array.from({ length: Math.min(config.chunkSize, total(config) - first) }, (_, i) => preferenceRecord(config, first + i));
    return Buffer.from(records.map((record) => `${canonicalJson(record)}\n`).join(''));
  },
  recordStages: () => [STAGE],
  assemble(config, stageChunks) {
    const records = Buffer.concat(stageChunks.find((s) => s.stage === STAGE)?.chunks ?? []);
    const parsed = records.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as PreferenceRecord);
    const train = parsed.filter((r) => r.split === 'train');
    const share = (rows: PreferenceRecord[], test: (r: PreferenceRecord) => boolean) => (rows.length === 0 ? 0 : rows.filter(test).length / rows.length);
    const card = {
      format: 'drl-preference-dataset-card/1',
      generator: PREFERENCE_GENERATOR,
      kind: 'preference',
      config,
      records: parsed.length,
      counts: { train: train.length, eval: parsed.length - train.length },
      // What the planted feature looks like in the data a reward model learns from.
      spurious: {
        chosenWithFeature: { train: share(train, (r) => hasSpuriousFeature(r.chosen)), eval: share(parsed.filter((r) => r.split === 'eval'), (r) => hasSpuriousFeature(r.chosen)) },
        demonstrationsWithFeature: share(train, (r) => hasSpuriousFeature(r.demonstration)),
      },
      meanTrueScore: { demonstration: parsed.reduce((s, r) => s + trueEchoScore(r.truth.target, r.demonstration), 0) / parsed.length },
    };
    return { records, card };
  },
};
