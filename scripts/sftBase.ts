/**
 * What every committed base shares (scripts/make*Base.ts): SFT of a fresh byte-level model on prompt/completion
 * pairs with a progress line every 250 steps, then the weights written as safetensors with the build's settings in
 * the metadata. The output path stays out of the metadata: the same build written elsewhere is the same file, hash
 * included.
 */
import { createHash } from 'crypto';
import { writeFileSync } from 'fs';
import { generate, type GraphRunner } from '../engine/infer';
import { writeSafetensors } from '../engine/io';
import { ByteTokenizer } from '../engine/tokenizer';
import { trainSft, type PolicyState } from '../engine/train';

export interface SftBuild {
  file: string;
  sftSteps: number;
  batch: number;
  lr: number;
  seed: number | string;
}

const PROGRESS_EVERY = 250;

export const baseTokenizer = new ByteTokenizer();

/** Trains `state` on the examples, writes `build.file`, and says what it wrote and how the loss went. */
export async function trainAndSaveBase(
  runner: GraphRunner,
  state: PolicyState,
  examples: ReadonlyArray<{ prompt: string; completion: string }>,
  build: SftBuild,
  metadata: { drl: string; dataset: unknown; threads: number },
): Promise<{ sha256: string; bytes: number; sftSeconds: number; lossEvery250Steps: number[] }> {
  const tokenizer = baseTokenizer;
  const encoded = examples.map((e) => ({ prompt: tokenizer.encode(e.prompt, { bos: true }), completion: tokenizer.encode(e.completion, { eos: true }) }));
  const started = Date.now();
  const losses: number[] = [];
  for (let done = 0; done < build.sftSteps; done += PROGRESS_EVERY) {
    const steps = Math.min(PROGRESS_EVERY, build.sftSteps - done);
    const chunk = await trainSft({ runner, state, examples: encoded, steps, batch: build.batch, seed: `${build.seed}/sft-${done}`, padId: tokenizer.pad, adamw: { lr: build.lr } });
    losses.push(chunk.reduce((a, b) => a + b, 0) / chunk.length);
    process.stderr.write(`sft step ${done + steps}/${build.sftSteps}: mean loss ${losses[losses.length - 1].toFixed(4)}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const sftSeconds = (Date.now() - started) / 1000;
  const tensors = new Map([...state.namedWeights()].map(([name, t]) => [name, { dtype: 'F32' as const, shape: t.shape, data: t.data }]));
  const { file, ...settings } = build;
  const bytes = writeSafetensors(tensors, {
    drl: metadata.drl,
    model: JSON.stringify(state.config),
    build: JSON.stringify(settings),
    dataset: JSON.stringify(metadata.dataset),
    threads: String(metadata.threads),
  });
  writeFileSync(file, bytes);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, sftSeconds, lossEvery250Steps: losses.map((l) => Number(l.toFixed(4))) };
}

/** Greedy completions of text prompts (bos first), `batch` at a time, in the prompts' order: how a base is measured. */
export async function greedyTexts(runner: GraphRunner, state: PolicyState, prompts: readonly string[], options: { seed: string; maxTokens: number; batch: number }): Promise<string[]> {
  const texts: string[] = [];
  for (let first = 0; first < prompts.length; first += options.batch) {
    const completions = await generate({ runner, config: state.config, weights: state.weights }, baseTokenizer, {
      prompts: prompts.slice(first, first + options.batch).map((p) => baseTokenizer.encode(p, { bos: true })),
      seed: options.seed,
      maxTokens: options.maxTokens,
      temperature: 0,
    });
    texts.push(...completions.map((c) => c.text));
  }
  return texts;
}
