import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { chrfCli } from '../../rewards/chrfCli';
import { integerFlag } from '../integerFlag';

interface ChrfFlags {
  hyp: string;
  ref: string[];
  sentence?: boolean;
  wordOrder: string;
  charOrder: string;
  beta: string;
  epsSmoothing?: boolean;
  lowercase?: boolean;
  format: string;
  width: string;
  scoreOnly?: boolean;
}

export function registerReward(program: Command): void {
  const reward = program.command('reward').description('score texts with the project\'s reward functions');
  reward
    .command('chrf')
    .description('chrF / chrF++ exactly as sacrebleu computes and prints them')
    .requiredOption('--hyp <file>', 'hypotheses, one segment per line')
    .requiredOption('--ref <file...>', 'references, line-aligned; several files give several references')
    .option('--sentence', 'one score per segment instead of the corpus score')
    .option('--word-order <n>', 'word n-gram order (2 = chrF++)', '0')
    .option('--char-order <n>', 'character n-gram order', '6')
    .option('--beta <b>', 'recall weight', '2')
    .option('--eps-smoothing', 'sacrebleu\'s eps smoothing instead of effective order')
    .option('--lowercase', 'lowercase before scoring')
    .option('--format <format>', 'json or text (corpus score)', 'json')
    .option('--width <n>', 'decimals printed', '1')
    .option('--score-only', 'print the number alone')
    .addHelpText('after', '\nExample:\n  drl reward chrf --hyp out.txt --ref ref.txt --word-order 2')
    .action((flags: ChrfFlags) => {
      if (flags.format !== 'json' && flags.format !== 'text') throw new InputError(`--format must be json or text, got "${flags.format}"`);
      const output = chrfCli({
        hyp: flags.hyp,
        ref: flags.ref,
        sentence: flags.sentence,
        wordOrder: integerFlag('--word-order', flags.wordOrder, 0),
        charOrder: integerFlag('--char-order', flags.charOrder, 0),
        beta: integerFlag('--beta', flags.beta, 0),
        epsSmoothing: flags.epsSmoothing,
        lowercase: flags.lowercase,
        format: flags.format,
        width: integerFlag('--width', flags.width, 0),
        scoreOnly: flags.scoreOnly,
      });
      process.stdout.write(`${output}\n`);
    });
}
