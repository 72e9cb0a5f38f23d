import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../core/errors';
import { planPipeline } from '../../activities/pipeline/planPipeline';
import { planRun } from '../../activities/training/planRun';
import { createTrainingContext } from '../../activities/training/trainingContext';
import { openStore } from '../../store/openStore';
import { isPipelineDocument, parsePipelineYaml, pipelineHash } from '../../training/pipelineConfig';
import { parseRunConfigYaml, runConfigHash } from '../../training/runConfig';
import { taskQueues } from '../../core/taskQueues';
import { DrlKind, DrlReward, DrlStatus, DrlStep } from '../../workflows/searchAttributes';
import { pipelineRun, type PipelineRunResult } from '../../workflows/pipelineRun';
import { trainingRun, type TrainingRunResult } from '../../workflows/trainingRun';
import { logLine, logWarning, printResult } from '../output';
import { importPolicyFile } from '../policyFile';
import { openTemporalSession, requirePollers } from '../temporalSession';
import { watchPipeline } from '../watchPipeline';
import { watchRun } from '../watchRun';

interface RunOptions {
  id?: string;
  fromCheckpoint?: string;
  detach?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run <config>')
    .description('start a training run, or a pipeline of stages (a file with stages:), from YAML and watch it (it goes on if you stop watching)')
    .option('--id <id>', 'workflow id of the run (default: run-<config hash>)')
    .option('--from-checkpoint <ref>', 'restart from a stored checkpoint: its step, hyperparameters and schedule state')
    .option('--detach', 'start the run and return at once')
    .option('--dry-run', 'validate and print the resolved config; start nothing')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExamples:\n  drl run configs/lang-tiny.yaml\n  drl run configs/lang-tiny.yaml --id lang-1 --from-checkpoint 3f2a9c0d\n  drl run configs/rlhf-tiny.yaml        (a pipeline: sft -> reward model -> PPO, GRPO, DPO -> evaluations)')
    .action(async (file: string, options: RunOptions) => {
      const text = readText(file);
      if (isPipelineDocument(parseYamlDocument(text, file))) return runPipeline(file, text, options);
      const parsed = parseRunConfigYaml(text, file, logWarning);
      if (options.dryRun) {
        // Every check a run makes before any work (method, reward terms against the dataset's task), and every value in force.
        const plan = await planRun(openStore(), parsed);
        return printResult(!!options.json, plan, () => JSON.stringify(plan, null, 2));
      }
      const config = await importPolicyFile(parsed, openStore(), file);
      const configHash = runConfigHash(config);
      const workflowId = options.id ?? `run-${configHash.slice(0, 16)}`;

      const session = await openTemporalSession({ embedWorkers: true, log: logLine });
      try {
        await requirePollers(session, ['cpu', 'gpu']);
        const handle = await session.client.workflow
          .start(trainingRun, { taskQueue: taskQueues.cpu, workflowId, args: [{ config, fromCheckpoint: options.fromCheckpoint }] })
          .catch((err) => {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
            logLine(`run ${workflowId} is already running; watching it`);
            return session.client.workflow.getHandle(workflowId);
          });
        logLine(`trainingRun ${workflowId} (config ${configHash.slice(0, 16)})${session.embedded ? '' : ` on ${session.target.address}`}`);
        if (options.detach) return printResult(!!options.json, { workflowId, configHash }, () => workflowId);
        const result = await watchRun<TrainingRunResult>(handle, workflowId);
        printResult(!!options.json, { workflowId, ...result }, () => summary(workflowId, result));
      } finally {
        await session.close();
      }
    });

  program
    .command('runs')
    .description('list training runs with their step, reward and status')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl runs --json')
    .action(async (options: { json?: boolean }) => {
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const latest = new Map<string, Record<string, unknown>>();
        for await (const execution of session.client.workflow.list({ query: `${DrlKind.name} = "trainingRun"` })) {
          const attributes = execution.typedSearchAttributes;
          const row = {
            workflowId: execution.workflowId,
            status: attributes.get(DrlStatus) ?? execution.status.name,
            step: attributes.get(DrlStep) ?? 0,
            reward: attributes.get(DrlReward),
            startTime: execution.startTime,
          };
          const seen = latest.get(execution.workflowId);
          if (!seen || (seen.startTime as Date) < execution.startTime) latest.set(execution.workflowId, row);
        }
        const rows = [...latest.values()];
        printResult(!!options.json, rows, () =>
          rows.length === 0 ? 'no training runs' : rows.map((r) => `${r.workflowId}  ${r.status}  step ${r.step}${r.reward === undefined ? '' : `  reward ${Number(r.reward).toFixed(3)}`}`).join('\n'),
        );
      } finally {
        await session.close();
      }
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read config ${file}: ${(err as Error).message}`);
  }
}

function summary(workflowId: string, result: TrainingRunResult): string {
  const lines = [`run ${workflowId}: ${result.steps} steps${result.stopped ? ' (stopped)' : ''}`, `final checkpoint ${result.checkpoint}`, `dataset ${result.datasetId}`];
  for (const evaluation of result.evaluations) {
    const languages = Object.entries(evaluation.byLanguage).map(([language, e]) => `${language} ${(e.accuracy * 100).toFixed(1)}%`);
    lines.push(`eval at step ${evaluation.step}: ${(evaluation.accuracy * 100).toFixed(1)}% (${languages.join(', ')})`);
  }
  return lines.join('\n');
}

function parseYamlDocument(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new InputError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
}

/** `drl run` of a pipeline: validated before anything starts, one pipelineRun workflow, its stages watched. */
async function runPipeline(file: string, text: string, options: RunOptions): Promise<void> {
  if (options.fromCheckpoint) throw new InputError('--from-checkpoint restarts a training run; a pipeline resumes by itself in the stage it was in');
  const config = parsePipelineYaml(text, file);
  const store = openStore();
  if (options.dryRun) {
    const plan = await planPipeline(createTrainingContext(store), config);
    return printResult(!!options.json, plan, () => JSON.stringify(plan, null, 2));
  }
  const hash = pipelineHash(config);
  const workflowId = options.id ?? `pipeline-${hash.slice(0, 16)}`;
  const session = await openTemporalSession({ embedWorkers: true, log: logLine });
  try {
    await requirePollers(session, ['cpu', 'gpu']);
    const handle = await session.client.workflow
      .start(pipelineRun, { taskQueue: taskQueues.cpu, workflowId, args: [{ config: config as unknown as Record<string, unknown> }] })
      .catch((err) => {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        logLine(`pipeline ${workflowId} is already running; watching it`);
        return session.client.workflow.getHandle(workflowId);
      });
    logLine(`pipelineRun ${workflowId} (${config.stages.length} stages, config ${hash.slice(0, 16)})${session.embedded ? '' : ` on ${session.target.address}`}`);
    if (options.detach) return printResult(!!options.json, { workflowId, pipelineHash: hash }, () => workflowId);
    const result = await watchPipeline<PipelineRunResult>(session.client, handle, workflowId, logLine);
    printResult(!!options.json, { workflowId, ...result }, () => `pipeline ${workflowId}: ${result.stages.length} stages done\n${result.stages.map((s) => `${s.name} (${s.kind})${s.checkpoint ? ` checkpoint ${s.checkpoint}` : ''}`).join('\n')}`);
  } finally {
    await session.close();
  }
}
