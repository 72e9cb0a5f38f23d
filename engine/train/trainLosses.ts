import { InputError } from '../../core/errors';
import { DType, Graph, Shape, Tensor } from '../graph';
import { ModelConfig, ScalarHeadKind, TransformerOutputs, lastTokenValues } from '../model';
import { contextMarginLoss } from './contextMarginLoss';
import { dpoLoss, sequenceLogProbs } from './dpoLoss';
import { clippedPolicyLoss } from './policyLoss';
import { POLICY_LOSS_PRESETS, PolicyLossName, PolicyLossPreset } from './policyLossPresets';
import { ppoLoss } from './ppoLoss';
import { bradleyTerryLoss } from './rewardModelLoss';
import { sftLoss } from './sftLoss';
import { tokenLogProbs } from './tokenLogProbs';
import { withAuxiliary } from './withAuxiliary';

export interface LossOutputs {
  loss: Tensor;
  /** Scalars reported next to the loss (no gradient is taken through them). */
  metrics: Record<string, Tensor>;
}

/** What a loss reads of the model: logits [B, T, V], and a scalar head's values [B, T] when the config has one. */
export interface ModelOutputs {
  logits: Tensor;
  /** [B, T] bool, true on real tokens. */
  attentionMask: Tensor;
  head?: { kind: ScalarHeadKind; values: Tensor };
}

export function modelOutputs(config: ModelConfig, out: TransformerOutputs, attentionMask: Tensor): ModelOutputs {
  const head = config.scalarHead && out.headValues ? { kind: config.scalarHead, values: out.headValues } : undefined;
  return { logits: out.logits, attentionMask, head };
}

/** Where a loss's batch tensors and hyperparameters come from: graph inputs in training, constants in a self-check. */
export type LossInputSource = (name: string, dtype: DType, shape: Shape) => Tensor;

/** A loss a train-step graph can be built around. */
export interface TrainLoss {
  readonly name: string;
  /** The scalar head the loss trains; the model config must carry one of this kind. */
  readonly scalarHead?: ScalarHeadKind;
  /** Declares the loss's inputs (batch tensors, scalar hyperparameters) and returns the loss of the model's outputs. */
  declare(g: Graph, batch: number, seqLen: number, dtype: DType, source?: LossInputSource): (model: ModelOutputs) => LossOutputs;
}

function inputsOf(g: Graph, source: LossInputSource | undefined): LossInputSource {
  return source ?? ((name, dtype, shape) => g.input(name, dtype, shape));
}

function headValues(model: ModelOutputs, loss: string, kind: ScalarHeadKind): Tensor {
  if (model.head?.kind !== kind) throw new InputError(`${loss} loss: the model config needs scalarHead "${kind}", it has ${model.head ? `"${model.head.kind}"` : 'none'}`);
  return model.head.values;
}

/** Inputs: targets [B, T] int64 (the next token at each position), targetMask [B, T]. */
export const sftTrainLoss: TrainLoss = {
  name: 'sft',
  declare(g, B, T, dtype, source) {
    const input = inputsOf(g, source);
    const targets = input('targets', 'int64', [B, T]);
    const targetMask = input('targetMask', dtype, [B, T]);
    return ({ logits }) => ({ loss: sftLoss(logits, targets, targetMask), metrics: {} });
  },
};

/**
 * Inputs: targets [B, T] int64; responseMask, advantages and oldLogProbs [B, T], each in the column that predicts its
 * token (responseMask is 0 on tokens the policy did not choose); with a KL term also refLogProbs [B, T] and the scalar
 * klBeta; scalars epsLow, epsHigh; with seq-mean-token-sum-norm the scalar maxResponseLength. Metrics: clipFraction,
 * and kl with a KL term.
 */
export function policyTrainLoss(name: string, preset: Pick<PolicyLossPreset, 'aggregation' | 'kl'>): TrainLoss {
  return {
    name,
    declare(g, B, T, dtype, source) {
      const input = inputsOf(g, source);
      const perToken = (name: string): Tensor => input(name, dtype, [B, T]);
      const scalar = (name: string): Tensor => input(name, dtype, []);
      const targets = input('targets', 'int64', [B, T]);
      const mask = perToken('responseMask');
      const advantages = perToken('advantages');
      const oldLogProbs = perToken('oldLogProbs');
      const refLogProbs = preset.kl ? perToken('refLogProbs') : undefined;
      const settings = {
        epsLow: scalar('epsLow'),
        epsHigh: scalar('epsHigh'),
        aggregation: preset.aggregation,
        kl: preset.kl ? { estimator: preset.kl, beta: scalar('klBeta') } : undefined,
        maxResponseLength: preset.aggregation === 'seq-mean-token-sum-norm' ? scalar('maxResponseLength') : undefined,
      };
      return ({ logits }): LossOutputs => {
        const logProbs = tokenLogProbs(logits, targets);
        const { loss, clipFraction, kl } = clippedPolicyLoss({ logProbs, oldLogProbs, advantages, mask, refLogProbs }, settings);
        return { loss, metrics: kl ? { clipFraction, kl } : { clipFraction } };
      };
    },
  };
}

/**
 * Rows [0, P) chosen, [P, 2P) rejected (preferencePairs.ts). Inputs: targets [B, T] int64, responseMask [B, T],
 * refLogProbs [B] (each row's response log-prob under the frozen reference), the scalar dpoBeta. Metrics:
 * rewardAccuracy, rewardMargin.
 */
export const dpoTrainLoss: TrainLoss = {
  name: 'dpo',
  declare(g, B, T, dtype, source) {
    const input = inputsOf(g, source);
    const targets = input('targets', 'int64', [B, T]);
    const mask = input('responseMask', dtype, [B, T]);
    const refLogProbs = input('refLogProbs', dtype, [B]);
    const beta = input('dpoBeta', dtype, []);
    return ({ logits }) => {
      const { loss, rewardAccuracy, rewardMargin } = dpoLoss(sequenceLogProbs(tokenLogProbs(logits, targets), mask), refLogProbs, beta);
      return { loss, metrics: { rewardAccuracy, rewardMargin } };
    };
  },
};

/** Bradley-Terry on the score head at each row's last real token; rows as for DPO. No inputs; metrics accuracy, margin. */
export const rewardModelTrainLoss: TrainLoss = {
  name: 'rewardModel',
  scalarHead: 'score',
  declare() {
    return (model) => {
      const { loss, accuracy, margin } = bradleyTerryLoss(lastTokenValues(headValues(model, 'rewardModel', 'score'), model.attentionMask));
      return { loss, metrics: { accuracy, margin } };
    };
  },
};

/**
 * PPO on a policy with a value head. Inputs: targets [B, T] int64, responseMask, oldLogProbs, advantages, returns and
 * oldValues [B, T] (gae.ts makes them on the host); scalars clipRange, valueClipRange, valueCoef. Metrics:
 * policyLoss, valueLoss, clipFraction, valueClipFraction.
 */
export const ppoTrainLoss: TrainLoss = {
  name: 'ppo',
  scalarHead: 'value',
  declare(g, B, T, dtype, source) {
    const input = inputsOf(g, source);
    const targets = input('targets', 'int64', [B, T]);
    const [mask, oldLogProbs, advantages, returns, oldValues] = ['responseMask', 'oldLogProbs', 'advantages', 'returns', 'oldValues'].map((n) => input(n, dtype, [B, T]));
    const [clipRange, valueClipRange, valueCoef] = ['clipRange', 'valueClipRange', 'valueCoef'].map((n) => input(n, dtype, []));
    return (model) => {
      const values = headValues(model, 'ppo', 'value');
      const { loss, ...metrics } = ppoLoss({ logProbs: tokenLogProbs(model.logits, targets), oldLogProbs, advantages, values, oldValues, returns, mask }, { clipRange, valueClipRange, valueCoef });
      return { loss, metrics };
    };
  },
};

/**
 * ContextRL's margin loss alone, one row per contrastive prompt. Inputs: choicePositions, correctLabels and
 * otherLabels [B] int64, the scalar contextMarginClip. Metrics: contextLoss (the loss itself), contextMargin,
 * contextAccuracy.
 */
export const contextMarginTrainLoss: TrainLoss = {
  name: 'contextMargin',
  declare(g, B, _T, dtype, source) {
    const input = inputsOf(g, source);
    const [positions, correctLabel, otherLabel] = ['choicePositions', 'correctLabels', 'otherLabels'].map((n) => input(n, 'int64', [B]));
    const clipAt = input('contextMarginClip', dtype, []);
    return ({ logits }) => {
      const margin = contextMarginLoss({ logits, positions, correctLabel, otherLabel }, clipAt);
      return { loss: margin.loss, metrics: { contextLoss: margin.loss, contextMargin: margin.margin, contextAccuracy: margin.accuracy } };
    };
  },
};

/**
 * A policy loss plus ContextRL's weighted margin loss: rows [0, B - C) are rollouts under the policy preset's inputs,
 * rows [B - C, B) the C contrastive prompts under contextMarginTrainLoss's, weighted by the scalar contextMarginWeight.
 */
export function contextRlTrainLoss(choiceRows: number, policy: PolicyLossName = 'grpo'): TrainLoss {
  return withAuxiliary('grpoContextMargin', policyTrainLoss(policy, POLICY_LOSS_PRESETS[policy]), contextMarginTrainLoss, choiceRows);
}

export type TrainLossName = 'sft' | PolicyLossName | 'dpo' | 'rewardModel' | 'ppo' | 'grpoContextMargin';
export const TRAIN_LOSS_NAMES: readonly TrainLossName[] = ['sft', ...(Object.keys(POLICY_LOSS_PRESETS) as PolicyLossName[]), 'dpo', 'rewardModel', 'ppo', 'grpoContextMargin'];

/** `contextChoiceRows` is the number of contrastive-prompt rows at the end of a grpoContextMargin batch. */
export function trainLoss(name: TrainLossName, options: { contextChoiceRows?: number } = {}): TrainLoss {
  switch (name) {
    case 'sft':
      return sftTrainLoss;
    case 'dpo':
      return dpoTrainLoss;
    case 'rewardModel':
      return rewardModelTrainLoss;
    case 'ppo':
      return ppoTrainLoss;
    case 'grpoContextMargin':
      if (options.contextChoiceRows === undefined) throw new InputError('grpoContextMargin loss: say how many rows of the batch are contrastive prompts (contextChoiceRows)');
      return contextRlTrainLoss(options.contextChoiceRows);
    default:
      return policyTrainLoss(name, POLICY_LOSS_PRESETS[name]);
  }
}
