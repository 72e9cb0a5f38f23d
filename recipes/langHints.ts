/**
 * LANG's activity side (METHODS.md "LANG"): its config section, and the hint each rollout shows -- the first
 * floor(h_l * n) of a solution's n steps (or words), in the problem's own language. The schedule that sets h_l is
 * recipes/lang.ts.
 */
import { z } from 'zod';
import type { Episode, PromptOptions } from '../training/tasks';
import { HINT_UNITS, resolveLangConfig, type HintUnit, type LangMethodConfig, type LangRolloutParameters } from './lang';
import type { Method } from './method';

const langSection = z
  .object({
    h0: z.number().optional().describe('hint fraction at clock 0 (share of reference steps revealed); default 0.6'),
    decay: z.enum(['linear', 'cosine', 'exponential']).optional().describe('decay shape of the hint fraction; default cosine'),
    baseHorizon: z.number().optional().describe("T_base in steps; default half the run's steps"),
    kappa: z.number().optional().describe('horizon growth with difficulty, T_l = T_base (1 + kappa (1 - a_l0)); default 1'),
    tauOff: z.number().optional().describe("hints switch off once a language's accuracy EMA reaches this; default 0.9"),
    deltaBack: z.number().optional().describe('hints switch back on when the EMA falls this far below its value at switch-off; default 0.1'),
    emaAlpha: z.number().optional().describe('weight of the newest accuracy probe in the EMA; default 0.3'),
    probeEvery: z.number().int().optional().describe('probe hint-free accuracy on the eval split every N steps; default 5'),
    hintUnit: z.enum(HINT_UNITS).optional().describe('a hint reveals whole reference steps (METHODS.md) or words, which fade gradually on short solutions; default step'),
    probeProblems: z.number().int().positive().optional().describe('eval problems per language in a probe (default: evaluation.problems)'),
  })
  .strict();

function hintPieces(episode: Episode, unit: HintUnit): readonly string[] {
  return unit === 'step' ? episode.solution : episode.solution.join(' ').split(/\s+/).filter(Boolean);
}

/** The hint of the first `size` steps (or words) of an episode's solution; none for 0. */
export function hintOfSize(episode: Episode, size: number, unit: HintUnit): PromptOptions {
  return size > 0 ? { hint: hintPieces(episode, unit).slice(0, size).join(' ') } : {};
}

/** The number of whole steps (or words) a hint fraction reveals, rounded down. */
export function hintSizeOf(episode: Episode, fraction: number, unit: HintUnit): number {
  return Math.floor(fraction * hintPieces(episode, unit).length);
}

/** The hint of `fraction` of an episode's solution, in whole units (rounded down); none below one unit. */
export function hintOf(episode: Episode, fraction: number, unit: HintUnit): PromptOptions {
  return hintOfSize(episode, hintSizeOf(episode, fraction, unit), unit);
}

export const langMethod: Method = {
  summary: 'LANG: hints in the problem language that fade on a per-language schedule (METHODS.md "LANG")',
  section: langSection,
  resolve(section, run, where): LangMethodConfig {
    const { probeProblems, ...schedule } = langSection.parse(section ?? {});
    return { schedule: resolveLangConfig(schedule, run.steps, where), ...(probeProblems === undefined ? {} : { probeProblems }) };
  },
  promptOptions(episode, parameters) {
    const { hintFractions, hintUnit } = parameters as LangRolloutParameters;
    return hintOf(episode, hintFractions[episode.language] ?? 0, hintUnit);
  },
  // Every step shown: a problem trains only if its prompt fits with the whole hint, so no hint is ever cut.
  largestPromptOptions: (episode) => hintOf(episode, 1, 'step'),
};
