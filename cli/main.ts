#!/usr/bin/env node
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Command } from 'commander';
import { registerConfig } from './commands/config';
import { registerCompare } from './commands/compare';
import { registerData } from './commands/data';
import { registerDemo } from './commands/demo';
import { registerDev } from './commands/dev';
import { registerEngine } from './commands/engine';
import { registerEval } from './commands/eval';
import { registerJudge } from './commands/judge';
import { registerMetrics } from './commands/metrics';
import { registerReport } from './commands/report';
import { registerAudit } from './commands/audit';
import { registerReward } from './commands/reward';
import { registerSchedule } from './commands/schedule';
import { registerRun } from './commands/run';
import { registerServe } from './commands/serve';
import { registerSetup } from './commands/setup';
import { registerSignal } from './commands/signal';
import { registerStatus } from './commands/status';
import { registerVerify } from './commands/verify';
import { registerWorker } from './commands/worker';
import { exitCodeOf } from './output';

// The SDK logs every worker state change and the whole bundle listing at INFO; a command line shows warnings only.
Runtime.install({ logger: new DefaultLogger((process.env.DRL_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });

const program = new Command('drl')
  .description('durable-rl: reinforcement-learning post-training of language models, driven by durable Temporal workflows')
  .showHelpAfterError()
  .addHelpText(
    'after',
    '\nConnection: TEMPORAL_ADDRESS (plus Temporal\'s standard environment config) when set; otherwise a running `drl dev`;\n' +
      'otherwise an embedded dev server for the command. Store: DRL_STORE (file://DIR or s3://bucket/prefix, default .drl/store).\n' +
      '\nExamples:\n  npm run demo                                   (a LANG run end to end)\n  drl run configs/lang-tiny.yaml --id lang-1    (then: drl status lang-1, drl signal lang-1 pause, drl audit lang-1)',
  );

registerDev(program);
registerSetup(program);
registerWorker(program);
registerData(program);
registerRun(program);
registerStatus(program);
registerSignal(program);
registerAudit(program);
registerVerify(program);
registerReward(program);
registerEngine(program);
registerJudge(program);
registerDemo(program);
registerConfig(program);
registerEval(program);
registerReport(program);
registerCompare(program);
registerMetrics(program);
registerSchedule(program);
registerServe(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`drl: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = exitCodeOf(err);
});
