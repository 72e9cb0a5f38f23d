/**
 * LongTraceRL (METHODS.md; arXiv 2605.31584): RL on long-context multi-hop questions -- the question over its
 * shuffled gold, Tier-1 and Tier-2 documents (the `longContext` task) -- with the answer-gated rubric reward
 * (`longtraceRubric`): a correct final answer earns (1 - eta) plus eta times the share of the chain's entities the
 * response names, scaled by the group's best. The method has no schedule: what sets it apart from its plain-GRPO
 * twin is that reward, so a run that names the method without it is refused.
 */
import { InputError } from '../core/errors';
import type { Method } from './method';

export const longtraceMethod: Method = {
  summary: 'LongTraceRL: long-context multi-hop QA rewarded for the answer and the reasoning chain it names (reward: longtraceRubric)',
  kinds: ['longContext'],
  resolve(_section, run, where) {
    if (!run.reward.terms.some((term) => term.reward === 'longtraceRubric')) {
      throw new InputError(`${where}: longtrace trains on the longtraceRubric reward; add it to reward.terms (its plain twin is method: plain with reward correct)`);
    }
    return {};
  },
};
