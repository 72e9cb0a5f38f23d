import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { logLine } from '../output';
import { loadLedger } from '../report/loadLedger';
import { stepTable, toCsv, toJsonl } from '../report/stepRows';

const FORMATS = { jsonl: toJsonl, csv: toCsv } as const;

export function registerMetrics(program: Command): void {
  program
    .command('metrics <runId>')
    .description('export a training run\'s per-step metrics (rewards and accuracy per language, loss, KL, entropy, clip fraction, grad norm, tokens/s, step time, hyperparameters)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nColumns: step (the checkpoint the update produced), checkpoint, meanReward, loss, kl, entropy, clipFraction,\n' +
      'gradNorm, tokensPerSecond, seconds, hyperparameters.<key>, reward.<lang>, accuracy.<lang>, evalAccuracy[.<lang>]\n' +
      '(null / empty where the ledger holds no value).\n\nExample:\n  drl metrics run-lang-en --format csv --out lang-en.csv')
    .action(async (runId: string, options: { format: string; out?: string }) => {
      const format = FORMATS[options.format as keyof typeof FORMATS];
      if (!format) throw new InputError(`--format must be jsonl or csv, got "${options.format}"`);
      const table = stepTable(await loadLedger(runId));
      const text = format(table);
      if (!options.out) return void process.stdout.write(text);
      const path = resolve(options.out);
      try {
        writeFileSync(path, text);
      } catch (err) {
        throw new InputError(`--out ${options.out}: cannot write (${(err as Error).message})`);
      }
      logLine(`${table.rows.length} steps written`);
      process.stdout.write(`${path}\n`);
    });
}
