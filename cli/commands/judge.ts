import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { HttpJudgeBackend } from '../../rewards/judge/httpJudgeBackend';
import { metaEvaluate, readMetaEvalJsonl } from '../../rewards/judge/metaEval';
import { integerFlag } from '../integerFlag';
import { printResult } from '../output';

interface MetaEvalFlags {
  data: string;
  endpoint: string;
  model: string;
  api: string;
  englishInstructions?: boolean;
  attempts: string;
  concurrency: string;
  rps?: string;
  timeoutMs: string;
  seed: string;
  json?: boolean;
}

const format = (value: number | null) => (value === null ? 'undefined' : value.toFixed(4));

export function registerJudge(program: Command): void {
  const judge = program.command('judge').description('LLM-as-a-judge: grade responses, check a judge against people');
  judge
    .command('meta-eval')
    .description('grade human-scored examples through an OpenAI-compatible judge and correlate with the human scores')
    .requiredOption('--data <file>', 'JSONL lines {instruction, response, reference, human_score[, language]}')
    .requiredOption('--endpoint <url>', 'OpenAI-compatible server (http://host:port or .../v1); API key from DRL_JUDGE_API_KEY')
    .option('--model <name>', 'model name sent to the endpoint', 'judge')
    .option('--api <api>', 'chat (/v1/chat/completions) or completions (/v1/completions)', 'chat')
    .option('--english-instructions', 'keep the grading instructions in English instead of each example\'s language')
    .option('--attempts <n>', 'attempts per example when the verdict cannot be parsed', '3')
    .option('--concurrency <n>', 'requests in flight', '4')
    .option('--rps <n>', 'at most this many requests started per second')
    .option('--timeout-ms <n>', 'per-request timeout', '60000')
    .option('--seed <seed>', 'seed of the re-asks', '0')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  drl judge meta-eval --data human.jsonl --endpoint http://127.0.0.1:8000 --model prometheus --json')
    .action(async (flags: MetaEvalFlags) => {
      if (flags.api !== 'chat' && flags.api !== 'completions') throw new InputError(`--api must be chat or completions, got "${flags.api}"`);
      const rps = flags.rps === undefined ? undefined : Number(flags.rps);
      if (rps !== undefined && !(rps > 0)) throw new InputError(`--rps must be a positive number, got "${flags.rps}"`);
      const examples = readMetaEvalJsonl(flags.data);
      const backend = new HttpJudgeBackend({
        endpoint: flags.endpoint,
        model: flags.model,
        api: flags.api,
        apiKey: process.env.DRL_JUDGE_API_KEY,
        timeoutMs: integerFlag('--timeout-ms', flags.timeoutMs, 1),
        requestsPerSecond: rps,
      });
      const report = await metaEvaluate(backend, examples, {
        englishInstructions: flags.englishInstructions,
        maxAttempts: integerFlag('--attempts', flags.attempts, 1),
        concurrency: integerFlag('--concurrency', flags.concurrency, 1),
        seed: flags.seed,
      });
      printResult(Boolean(flags.json), report, () =>
        [
          `examples        ${report.count}`,
          `graded          ${report.graded}`,
          `parse failures  ${report.parseFailures} (${(100 * report.parseFailureRate).toFixed(1)}%)`,
          `pearson         ${format(report.pearson)}`,
          `spearman        ${format(report.spearman)}`,
        ].join('\n'),
      );
    });
}
