import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { GRADCHECK_MAX_RELATIVE_ERROR, gradcheckModel } from '../../engine/selfcheck/gradcheckModel';
import { TRAIN_LOSS_NAMES, type TrainLossName } from '../../engine/train';
import { exitCodes, printResult } from '../output';

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
      if (!/^\d+$/.test(options.seed)) throw new InputError(`--seed must be a non-negative integer, got "${options.seed}"`);
      if (!TRAIN_LOSS_NAMES.includes(options.loss as TrainLossName)) {
        throw new InputError(`--loss must be one of ${TRAIN_LOSS_NAMES.join(', ')}, got "${options.loss}"`);
      }
      const result = await gradcheckModel({ seed: Number(options.seed), loss: options.loss as TrainLossName });
      printResult(!!options.json, result, () =>
        `${result.loss}: max relative error ${result.maxRelativeError.toExponential(2)} over ${result.checked} of ` +
          `${result.parameters} parameter elements (${result.ok ? 'ok' : `above ${GRADCHECK_MAX_RELATIVE_ERROR}`}; worst ` +
          `${result.worst.parameter}[${result.worst.index}])`,
      );
      if (!result.ok) process.exitCode = exitCodes.failed;
    });
}
