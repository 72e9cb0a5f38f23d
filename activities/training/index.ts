import { InputError } from '../../core/errors';
import { resolveLangConfig } from '../../recipes/lang';
import type { ArtifactStore } from '../../store/artifactStore';
import { parseRunConfig, runConfigHash } from '../../training/runConfig';
import { evaluate, type EvaluateInput } from './evaluateActivity';
import { initPolicy, resumePolicy, type InitPolicyInput } from './initPolicyActivity';
import { reward, type RewardInput } from './rewardActivity';
import { rollout, type RolloutInput } from './rolloutActivity';
import { createTrainingContext } from './trainingContext';
import { update, type UpdateInput } from './updateActivity';

/** The training run's activities, by the queue that runs them: rewards on CPU workers, the model on GPU workers. */
export function createTrainingActivities(store: ArtifactStore) {
  const ctx = createTrainingContext(store);
  return {
    cpu: {
      /** Validates a run config (errors name the field) and returns it resolved, with its hash. */
      async planRun(raw: unknown) {
        const config = parseRunConfig(raw);
        if (config.lang && config.recipe !== 'lang') throw new InputError(`config: lang: only recipe lang has a LANG schedule (recipe is ${config.recipe})`);
        // probeProblems sizes the workflow's probes; the schedule itself does not need it.
        const { probeProblems: _probeProblems, ...schedule } = config.lang ?? {};
        const lang = config.recipe === 'lang' ? resolveLangConfig(schedule, config.steps, 'config: lang') : undefined;
        return { config, configHash: runConfigHash(config), lang };
      },
      reward: (input: RewardInput) => reward(ctx, input),
      resumePolicy: (input: { checkpoint: string }) => resumePolicy(ctx, input),
    },
    gpu: {
      initPolicy: (input: InitPolicyInput) => initPolicy(ctx, input),
      rollout: (input: RolloutInput) => rollout(ctx, input),
      update: (input: UpdateInput) => update(ctx, input),
      evaluate: (input: EvaluateInput) => evaluate(ctx, input),
    },
  };
}
