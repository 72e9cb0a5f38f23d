import { InputError } from '../../core/errors';

/** Keeps the GRPO advantage finite when every reward of a group is the same. */
const STD_EPS = 1e-6;

/**
 * Per-response advantages from rewards laid out group after group (groupSize responses per prompt): r - mean(r)
 * of the group, divided by (std(r) + 1e-6) when `normalise` (GRPO, DAPO) and not (Dr.GRPO). The std is the sample
 * std (n - 1), as torch.std computes it in the GRPO implementations.
 */
export function groupAdvantages(rewards: readonly number[], groupSize: number, options: { normalise: boolean }): Float64Array {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new InputError(`groupAdvantages: groupSize must be a positive integer, got ${groupSize}`);
  if (rewards.length % groupSize !== 0) throw new InputError(`groupAdvantages: ${rewards.length} rewards do not split into groups of ${groupSize}`);
  if (options.normalise && groupSize < 2) throw new InputError('groupAdvantages: normalising by the group std needs groupSize >= 2');
  const out = new Float64Array(rewards.length);
  for (let start = 0; start < rewards.length; start += groupSize) {
    const group = rewards.slice(start, start + groupSize);
    const mean = group.reduce((a, b) => a + b, 0) / groupSize;
    const std = options.normalise ? Math.sqrt(group.reduce((a, r) => a + (r - mean) ** 2, 0) / (groupSize - 1)) : 0;
    group.forEach((r, i) => (out[start + i] = options.normalise ? (r - mean) / (std + STD_EPS) : r - mean));
  }
  return out;
}
