import type { Command } from 'commander';

/** Until the LANG demo exists, the quick start builds a small multilingual LongTraceRL dataset end to end. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the quick start: build a small multilingual LongTraceRL dataset through the real Temporal server')
    .option('--json', 'print one JSON document on stdout')
    .action(async (options: { json?: boolean }) => {
      const args = ['data', 'build', '--recipe', 'longtrace', '--kg', 'countries', '--questions', '40',
        '--languages', 'en,es,ja', '--hops', '2-4', '--context-chars', '3000', '--seed', '1', '--out', '.drl/demo-dataset'];
      await program.parseAsync([...args, ...(options.json ? ['--json'] : [])], { from: 'user' });
    });
}
