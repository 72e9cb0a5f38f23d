import type { HuggingFaceFiles } from '../../engine/io';
import { ModelConfig, ScalarHeadKind, initParameter, modelOfSize, scalarHeadName, scalarHeadSpec, validateModelConfig } from '../../engine/model';
import { ByteTokenizer } from '../../engine/tokenizer';
import { PolicyState } from '../../engine/train';
import { readCheckpointManifest } from '../../training/checkpointStore';
import type { PromptRendering } from '../../training/tasks';
import { promptRenderingOf } from '../training/promptRendering';
import type { TrainingContext } from '../training/trainingContext';

/** Where a stage's weights come from, references resolved: a fresh model of a named size, or a stored checkpoint. */
export type StagePolicy = { size: 'tiny' | 'small' | 'base'; maxSeqLen?: number } | { checkpoint: string };

export interface StageStart {
  state: PolicyState;
  /** The checkpoint started from; null for a fresh model. */
  parent: string | null;
  rendering: PromptRendering;
  huggingface?: HuggingFaceFiles;
}

/**
 * The stage's starting weights with fresh optimizer moments, and the scalar head it trains: a head the weights lack
 * is added with seeded random values (InstructGPT's reward model is the SFT model with a new projection), a head
 * of another kind is dropped, and `head: undefined` drops any head (a policy started from a reward model's trunk).
 */
export async function stageStart(ctx: TrainingContext, policy: StagePolicy, seed: number | string, head?: ScalarHeadKind): Promise<StageStart> {
  if ('size' in policy) {
    const config = validateModelConfig({ ...modelOfSize(policy.size, { maxSeqLen: policy.maxSeqLen }), ...(head ? { scalarHead: head } : {}) });
    return { state: PolicyState.init(config, `${seed}/init`), parent: null, rendering: { tokenizer: new ByteTokenizer() } };
  }
  const manifest = await readCheckpointManifest(ctx.store, policy.checkpoint);
  const { config, weights } = await ctx.policies.weights(manifest.id);
  const { scalarHead: _, ...trunk } = config;
  const withHead: ModelConfig = validateModelConfig(head ? { ...trunk, scalarHead: head } : trunk);
  const named = new Map([...weights].filter(([name]) => !name.endsWith('Head.weight')));
  if (head) named.set(scalarHeadName(head), config.scalarHead === head ? weights.get(scalarHeadName(head))! : Float32Array.from(initParameter(scalarHeadSpec(withHead, head), `${seed}/${head}-head`)));
  const rendering = await promptRenderingOf(ctx, manifest.id);
  return { state: PolicyState.fromWeights(withHead, named), parent: manifest.id, rendering, ...(manifest.huggingface ? { huggingface: manifest.huggingface } : {}) };
}
