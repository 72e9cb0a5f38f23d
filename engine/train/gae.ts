import { InputError } from '../../core/errors';

/** Per-token arrays are row-major [B, T] with a 0/1 response mask; a row's response is its masked columns, in order. */
export interface TokenRewardInputs {
  seqLen: number;
  mask: ArrayLike<number>;
  /** Log-probs of the rollout's policy and of the frozen reference (the SFT model), [B, T]. */
  logProbs: ArrayLike<number>;
  refLogProbs: ArrayLike<number>;
  /** The reward model's score of each row, [B]. */
  scores: ArrayLike<number>;
  klBeta: number;
}

/**
 * InstructGPT's per-token reward: -beta (logp - logp_ref) on every response token, plus the row's reward-model score
 * on its last response token; 0 off the mask.
 */
export function ppoTokenRewards(x: TokenRewardInputs): Float64Array {
  const rows = responseColumns(x.mask, x.seqLen, { logProbs: x.logProbs, refLogProbs: x.refLogProbs });
  if (x.scores.length !== rows.length) throw new InputError(`ppo rewards: ${x.scores.length} scores for ${rows.length} rows`);
  const rewards = new Float64Array(x.mask.length);
  rows.forEach((columns, b) => {
    for (const i of columns) rewards[i] = -x.klBeta * (x.logProbs[i] - x.refLogProbs[i]);
    rewards[columns[columns.length - 1]] += x.scores[b];
  });
  return rewards;
}

export interface GaeInputs {
  seqLen: number;
  mask: ArrayLike<number>;
  rewards: ArrayLike<number>;
  /** The value head at each token of the rollout, [B, T]. */
  values: ArrayLike<number>;
  gamma: number;
  lambda: number;
}

/**
 * Generalised advantage estimation along each row's response: delta_t = r_t + gamma V_{t+1} - V_t with V = 0 after
 * the last token, A_t = delta_t + gamma lambda A_{t+1}, returns R_t = A_t + V_t; both 0 off the mask.
 */
export function generalizedAdvantages(x: GaeInputs): { advantages: Float64Array; returns: Float64Array } {
  for (const [name, v] of Object.entries({ gamma: x.gamma, lambda: x.lambda })) {
    if (!(v >= 0 && v <= 1)) throw new InputError(`gae: ${name} must be in [0, 1], got ${v}`);
  }
  const advantages = new Float64Array(x.mask.length);
  const returns = new Float64Array(x.mask.length);
  for (const columns of responseColumns(x.mask, x.seqLen, { rewards: x.rewards, values: x.values })) {
    let nextValue = 0;
    let nextAdvantage = 0;
    for (let k = columns.length - 1; k >= 0; k--) {
      const i = columns[k];
      const delta = x.rewards[i] + x.gamma * nextValue - x.values[i];
      nextAdvantage = delta + x.gamma * x.lambda * nextAdvantage;
      nextValue = x.values[i];
      advantages[i] = nextAdvantage;
      returns[i] = nextAdvantage + x.values[i];
    }
  }
  return { advantages, returns };
}

/** The flat indices of each row's response tokens; checks that every array is [B, T] and every row has a response. */
function responseColumns(mask: ArrayLike<number>, seqLen: number, arrays: Record<string, ArrayLike<number>>): number[][] {
  if (!Number.isInteger(seqLen) || seqLen < 1 || mask.length % seqLen !== 0) {
    throw new InputError(`ppo: a mask of ${mask.length} values does not split into rows of seqLen ${seqLen}`);
  }
  for (const [name, a] of Object.entries(arrays)) {
    if (a.length !== mask.length) throw new InputError(`ppo: ${name} has ${a.length} values, the mask ${mask.length}`);
  }
  return Array.from({ length: mask.length / seqLen }, (_, b) => {
    const columns: number[] = [];
    for (let t = 0; t < seqLen; t++) {
      const m = mask[b * seqLen + t];
      if (m !== 0 && m !== 1) throw new InputError(`ppo: mask[${b}, ${t}] is ${m}, expected 0 or 1`);
      if (m === 1) columns.push(b * seqLen + t);
    }
    if (columns.length === 0) throw new InputError(`ppo: row ${b} has no response tokens`);
    return columns;
  });
}
