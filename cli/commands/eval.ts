import type { Command } from 'commander';
import { closeActivityResources } from '../../activities';
import { evaluateCheckpoint, type EvaluationResult, type LanguageEvaluation } from '../../activities/training/evaluateActivity';
import { createTrainingContext } from '../../activities/training/trainingContext';
import { InputError } from '../../core/errors';
import { findDataset } from '../../datasets/datasetManifest';
import { openStore } from '../../store/openStore';
import { readCheckpointManifest } from '../../training/checkpointStore';
import { methodNamed, methodNames } from '../../recipes/methods';
import { parseRunConfig } from '../../training/runConfig';
import { integerFlag } from '../integerFlag';
import { logLine, printResult } from '../output';

interface EvalOptions {
  dataset: string;
  problems?: string;
  maxTokens?: string;
  maxPromptTokens?: string;
  threads?: string;
  method: string;
  json?: boolean;
}

/** The run config's defaults, so a one-off evaluation and a run's evaluations agree unless told otherwise. */
const RUN_DEFAULTS = parseRunConfig({ dataset: {}, steps: 1 });

/**
 * Runs the evaluation in this process, not through a workflow: a one-off evaluation has no state to
 * protect between steps, and its result is committed under the hash of its input exactly as a run's evaluation is,
 * so asking again (or asking for what a run already evaluated) returns the stored result instead of computing twice.
 */
export function registerEval(program: Command): void {
  program
    .command('eval <checkpoint>')
    .description('hint-free greedy accuracy of a checkpoint on a dataset\'s held-out (eval) split, per language')
    .requiredOption('--dataset <id>', 'dataset id, or its first 6 or more characters')
    .option('--problems <n>', `eval problems per language (default ${RUN_DEFAULTS.evaluation.problems})`)
    .option('--max-tokens <n>', `completion length (default ${RUN_DEFAULTS.maxTokens})`)
    .option('--max-prompt-tokens <n>', `prompts are padded to this length; longer ones are skipped (default ${RUN_DEFAULTS.maxPromptTokens})`)
    .option('--threads <n>', `ONNX Runtime intra-op threads (default ${RUN_DEFAULTS.threads})`)
    .option('--method <name>', `keep the problems a run of this method trains on: a lang run only those whose prompt fits with every hint step (${methodNames().join(', ')})`, RUN_DEFAULTS.method)
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl eval 3f9a2c1d --dataset 7be01c --problems 100 --json')
    .action(async (ref: string, options: EvalOptions) => {
      const input = {
        problems: integerFlag('--problems', options.problems ?? String(RUN_DEFAULTS.evaluation.problems), 1),
        maxTokens: integerFlag('--max-tokens', options.maxTokens ?? String(RUN_DEFAULTS.maxTokens), 1),
        maxPromptTokens: integerFlag('--max-prompt-tokens', options.maxPromptTokens ?? String(RUN_DEFAULTS.maxPromptTokens), 1),
        chunkPrompts: RUN_DEFAULTS.evaluation.batch,
        threads: integerFlag('--threads', options.threads ?? String(RUN_DEFAULTS.threads), 1),
        method: options.method,
      };
      methodNamed(options.method, '--method');
      const store = openStore();
      const checkpoint = await readCheckpointManifest(store, ref);
      if (input.maxPromptTokens + input.maxTokens > checkpoint.model.maxSeqLen) {
        throw new InputError(`--max-prompt-tokens ${input.maxPromptTokens} + --max-tokens ${input.maxTokens} exceeds the checkpoint's maxSeqLen ${checkpoint.model.maxSeqLen}`);
      }
      const dataset = await findDataset(store, options.dataset);
      if (dataset.splits && !dataset.splits.eval) throw new InputError(`--dataset ${options.dataset}: dataset ${dataset.datasetId} has no eval split`);

      let result: EvaluationResult;
      try {
        result = await evaluateCheckpoint(createTrainingContext(store), { ...input, checkpoint: checkpoint.id, datasetId: dataset.datasetId }, (d) =>
          logLine(`evaluated ${d.problemsDone}/${d.problems} problems`),
        );
      } finally {
        await closeActivityResources();
      }
      if (Object.keys(result.byLanguage).length === 0) throw new InputError(`dataset ${dataset.datasetId}: no eval problem fits --max-prompt-tokens ${input.maxPromptTokens}`);
      const report = { checkpoint: checkpoint.id, step: checkpoint.step, datasetId: dataset.datasetId, ...input, accuracy: result.accuracy, byLanguage: result.byLanguage };
      printResult(!!options.json, report, () =>
        [
          `checkpoint ${checkpoint.id.slice(0, 16)} (step ${checkpoint.step}) on dataset ${dataset.datasetId.slice(0, 16)}, greedy, ${input.maxTokens} tokens, no hints`,
          ...Object.entries(result.byLanguage).map(([language, l]) => `  ${language.padEnd(4)} ${(100 * l.accuracy).toFixed(1).padStart(5)}%  of ${l.problems}${furtherMeasures(l)}`),
          `  all  ${(100 * result.accuracy).toFixed(1).padStart(5)}%`,
        ].join('\n'),
      );
    });
}

/** The task's further measures of a language (its metrics, each view's accuracy and metrics), after its accuracy. */
function furtherMeasures(l: LanguageEvaluation): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const metrics = (m: Record<string, number> | undefined, prefix = '') => Object.entries(m ?? {}).map(([name, v]) => `${prefix}${name} ${pct(v)}`);
  const views = Object.entries(l.views ?? {}).flatMap(([view, v]) => [`${view} ${pct(v.accuracy)}`, ...metrics(v.metrics, `${view} `)]);
  const all = [...metrics(l.metrics), ...views];
  return all.length === 0 ? '' : `   ${all.join('  ')}`;
}
