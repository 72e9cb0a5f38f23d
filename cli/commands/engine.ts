import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { GRADCHECK_MAX_RELATIVE_ERROR, gradcheckModel } from '../../engine/selfcheck/gradcheckModel';
import { runSft, TRAIN_LOSS_NAMES, type TrainLossName } from '../../engine/train';
import { namedSizes } from '../../engine/model';
import { exitCodes, logLine, printResult } from '../output';
import { integerFlag } from '../integerFlag';
import { readPromptCompletionJsonl } from '../readPromptCompletionJsonl';

export function registerEngine(program: Command): void {
  const engine = program.command('engine').description('engine self-checks and supervised training');
  engine
    .command('gradcheck')
    .description(
      'autodiff gradients of a seeded random model against float64 central finite differences over every parameter; ' +
        `exit 1 when the max relative error exceeds ${GRADCHECK_MAX_RELATIVE_ERROR}`,
    )
    .option('--seed <n>', 'seed of the model and batch', '0')
    .option('--loss <loss>', TRAIN_LOSS_NAMES.join('|'), 'sft')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl engine gradcheck --seed 3 --loss grpo --json')
    .action(async (options: { seed: string; loss: string; json?: boolean }) => {
      if (!TRAIN_LOSS_NAMES.includes(options.loss as TrainLossName)) {
        throw new InputError(`--loss must be one of ${TRAIN_LOSS_NAMES.join(', ')}, got "${options.loss}"`);
      }
      const result = await gradcheckModel({ seed: integerFlag('--seed', options.seed, 0), loss: options.loss as TrainLossName });
      printResult(!!options.json, result, () =>
        `${result.loss}: max relative error ${result.maxRelativeError.toExponential(2)} over ${result.checked} of ` +
          `${result.parameters} parameter elements (${result.ok ? 'ok' : `above ${GRADCHECK_MAX_RELATIVE_ERROR}`}; worst ` +
          `${result.worst.parameter}[${result.worst.index}])`,
      );
      if (!result.ok) process.exitCode = exitCodes.failed;
    });

  engine
    .command('sft')
    .description('supervised fine-tuning of a fresh model on prompt/completion pairs; prints the loss curve')
    .requiredOption('--data <file>', 'JSONL, one {"prompt": ..., "completion": ...} per line')
    .option('--size <size>', Object.keys(namedSizes).join('|'), 'tiny')
    .option('--steps <n>', 'optimizer steps', '100')
    .option('--lr <lr>', 'learning rate', '3e-3')
    .option('--batch <n>', 'examples per step', '8')
    .option('--seed <n>', 'seed of the weights and the example order', '0')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl engine sft --data pairs.jsonl --size tiny --steps 200')
    .action(async (options: { data: string; size: string; steps: string; lr: string; batch: string; seed: string; json?: boolean }) => {
      const data = readPromptCompletionJsonl(options.data);
      const started = Date.now();
      const { losses } = await runSft({
        data,
        size: options.size as keyof typeof namedSizes,
        steps: integerFlag('--steps', options.steps, 1),
        lr: Number(options.lr),
        batch: integerFlag('--batch', options.batch, 1),
        seed: integerFlag('--seed', options.seed, 0),
      });
      logLine(`${losses.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      printResult(!!options.json, { examples: data.length, losses }, () =>
        losses.map((loss, step) => `step ${String(step + 1).padStart(5)}  loss ${loss.toFixed(4)}`).join('\n'),
      );
    });
}
