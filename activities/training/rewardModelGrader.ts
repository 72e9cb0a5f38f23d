/**
 * A learned reward (InstructGPT): a checkpoint with a score head, trained with the Bradley-Terry rewardModel loss on preference
 * pairs, scores each prompt + response at the response's last token. Texts are encoded with the reward model's own
 * tokenizer (the byte tokenizer for a named size, tokenizer.json for an imported model): bos where it has one, the
 * prompt, then the response (no eos), so the reward model must have been trained on rows laid out the same way. The raw score is unbounded; `sigmoid` maps it into (0, 1), where it
 * reads as the model's probability that the response beats one scored 0.
 */
import { InputError } from '../../core/errors';
import { GraphRunner, InferenceModel, scoreWithRewardModel } from '../../engine/infer';
import { checkpointTokenizerOf } from '../../engine/io';
import type { Tokenizer } from '../../engine/tokenizer';
import type { ArtifactStore } from '../../store/artifactStore';
import { readCheckpoint } from '../../training/checkpointStore';
import type { RewardResult } from '../../rewards/rewardResult';

export type RewardModelNormalisation = 'none' | 'sigmoid';

export interface RewardModel {
  /** The checkpoint's full id. */
  checkpoint: string;
  model: InferenceModel;
  tokenizer: Tokenizer;
}

export interface RewardModelSample {
  prompt: string;
  response: string;
}

/** Loads a reward model checkpoint (id or unique prefix) to run on `runner`, in float32 as all inference runs. */
export async function loadRewardModel(store: ArtifactStore, ref: string, runner: GraphRunner): Promise<RewardModel> {
  const checkpoint = await readCheckpoint(store, ref);
  const { model: config, id } = checkpoint;
  if (config.scalarHead !== 'score') {
    throw new InputError(`reward model: checkpoint ${id} has ${config.scalarHead ? `scalarHead "${config.scalarHead}"` : 'no scalar head'}; a reward model needs scalarHead "score" (trained with the rewardModel loss)`);
  }
  const { tokenizer } = await checkpointTokenizerOf(store, checkpoint, `reward model: checkpoint ${id}`);
  const weights = new Map([...checkpoint.weights].map(([name, data]) => [name, data.BYTES_PER_ELEMENT === 4 ? (data as Float32Array) : Float32Array.from(data)]));
  return { checkpoint: id, model: { runner, config, weights }, tokenizer };
}

/** Scores responses in one batched pass: `score` is the raw score or its sigmoid, `components.raw` the raw score. */
export async function rewardModelRewards(rm: RewardModel, samples: readonly RewardModelSample[], options: { normalise?: RewardModelNormalisation } = {}): Promise<RewardResult[]> {
  const normalise = options.normalise ?? 'none';
  if (normalise !== 'none' && normalise !== 'sigmoid') throw new InputError(`reward model: normalise must be none or sigmoid, got ${JSON.stringify(normalise)}`);
  const { tokenizer } = rm;
  const rows = samples.map((sample, i) => {
    if (typeof sample.prompt !== 'string' || typeof sample.response !== 'string') throw new InputError(`reward model: sample ${i} needs a prompt and a response (strings)`);
    return { prompt: tokenizer.encode(sample.prompt, { bos: true }), completion: tokenizer.encode(sample.response) };
  });
  const scores = await scoreWithRewardModel(rm.model, rows, { padId: tokenizer.pad });
  const name = `reward model ${rm.checkpoint.slice(0, 12)}`;
  return scores.map((raw) => {
    if (normalise === 'none') return { score: raw, components: { raw }, reason: `${name}: r = ${raw.toFixed(4)}` };
    const score = 1 / (1 + Math.exp(-raw));
    return { score, components: { raw }, reason: `${name}: sigmoid(r = ${raw.toFixed(4)}) = ${score.toFixed(4)}` };
  });
}
