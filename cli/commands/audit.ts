import type { Command } from 'commander';
import type { ScoredSample } from '../../activities/training/rewardActivity';
import type { RolloutResult, RolloutSample } from '../../activities/training/rolloutActivity';
import type { RewardOutput } from '../../activities/training/rewardActivity';
import { readSamples } from '../../activities/chunkedWork';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { readCheckpointManifest } from '../../training/checkpointStore';
import { renderAudit } from '../auditView';
import { integerFlag } from '../integerFlag';
import { logLine, printResult } from '../output';
import { readRunLedger } from '../runLedger';
import { openTemporalSession } from '../temporalSession';

export function registerAudit(program: Command): void {
  program
    .command('audit <runId>')
    .description("a run's whole history: executions as a timeline, and per step its checkpoints, artifacts, attempts, failures, workers, durations and hyperparameters")
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl audit lang-1 --json > lang-1.audit.json')
    .action(async (runId: string, options: { json?: boolean }) => {
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const ledger = await readRunLedger(session.client, runId);
        const last = [...ledger.steps].reverse().find((s) => s.checkpointOut)?.checkpointOut ?? ledger.initialCheckpoint;
        // The code and environment that produced the newest checkpoint, as it recorded them.
        const environment = last ? (await readCheckpointManifest(openStore(), last).catch(() => undefined))?.producedBy : undefined;
        printResult(!!options.json, { ...ledger, environment }, () => renderAudit(ledger, environment));
      } finally {
        await session.close();
      }
    });

  program
    .command('samples <runId>')
    .description('the completions of one step with every reward component')
    .requiredOption('--step <k>', 'the step (0 is the first update)')
    .option('--n <n>', 'how many samples to show', '8')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl samples lang-1 --step 3 --n 4')
    .action(async (runId: string, options: { step: string; n: string; json?: boolean }) => {
      const step = integerFlag('--step', options.step, 0);
      const n = integerFlag('--n', options.n, 1);
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const ledger = await readRunLedger(session.client, runId);
        const entry = ledger.steps.find((s) => s.step === step);
        const rollout = (entry?.rollout?.result as RolloutResult | undefined)?.key;
        const reward = (entry?.reward?.result as RewardOutput | undefined)?.key;
        if (!rollout || !reward) throw new InputError(`${runId} has no scored rollout at step ${step} (steps with one: ${ledger.steps.filter((s) => s.reward?.result).map((s) => s.step).join(', ') || 'none'})`);
        const store = openStore();
        const samples = await readSamples<RolloutSample>(store, rollout);
        const scores = await readSamples<ScoredSample>(store, reward);
        const shown = samples.slice(0, n).map((sample, i) => ({ ...sample, reward: scores[i] }));
        printResult(!!options.json, { runId, step, samples: shown }, () =>
          shown
            .map((s) => [`# slot ${s.slot} sample ${s.sampleIndex} (${s.language}, ${s.problemId}, ${s.hint ? 'hinted, ' : ''}${s.finishReason})`, s.prompt + s.text, `reward ${s.reward.score.toFixed(3)}: ${s.reward.reason}`, `components ${JSON.stringify(s.reward.components)}`].join('\n'))
            .join('\n\n'),
        );
      } finally {
        await session.close();
      }
    });
}
