import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { printResult } from '../output';
import { loadLedger } from '../report/loadLedger';
import { renderRunReport } from '../report/runReport';

export function registerReport(program: Command): void {
  program
    .command('report <runId>')
    .description('write a self-contained HTML page with the learning curves of a training run (SVG, no browser needed)')
    .option('--out <file>', 'where to write the page (default: <runId>.report.html)')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl report run-lang-en --out reports/lang-en.html')
    .action(async (runId: string, options: { out?: string; json?: boolean }) => {
      const path = resolve(options.out ?? `${runId}.report.html`);
      const report = renderRunReport(await loadLedger(runId));
      try {
        writeFileSync(path, report.html);
      } catch (err) {
        throw new InputError(`--out ${options.out ?? path}: cannot write (${(err as Error).message})`);
      }
      const steps = report.table.rows.length;
      printResult(!!options.json, { runId, path, steps, finalCheckpoint: report.finalCheckpoint ?? null }, () => path);
    });
}
