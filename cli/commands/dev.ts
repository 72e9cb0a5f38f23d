import type { Command } from 'commander';
import { resolve } from 'node:path';
import { openStore } from '../../store/openStore';
import { startDevEnvironment } from '../../workers/devEnvironment';
import { clearDevState, writeDevState } from '../../workers/devState';
import { logLine } from '../output';

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('start the real Temporal dev server (SQLite history, Web UI) and every worker in this process')
    .option('--db <file>', 'SQLite file that keeps the history', '.drl/temporal.db')
    .option('--port <port>', 'gRPC port of the server (default: a free port)', Number)
    .option('--ui-port <port>', 'Web UI port (default: a free port)', Number)
    .addHelpText('after', '\nExample:\n  drl dev --port 7233 --ui-port 8233\n  (Ctrl-C stops the workers, then the server)')
    .action(async (options: { db: string; port?: number; uiPort?: number }) => {
      const dbFile = resolve(options.db);
      const env = await startDevEnvironment({ store: openStore(), dbFile, port: options.port, uiPort: options.uiPort, log: logLine });
      writeDevState({ address: env.server.address, uiUrl: env.server.uiUrl, pid: process.pid, dbFile });
      logLine(`Temporal dev server: ${env.server.address} (history in ${dbFile})`);
      logLine(`Web UI: ${env.server.uiUrl}`);
      logLine('workers polling drl-cpu and drl-gpu; Ctrl-C to stop');
      // The SDK's runtime turns SIGINT/SIGTERM into a graceful worker shutdown, which ends `running`.
      await env.running.catch((err) => logLine(`worker stopped: ${String(err)}`));
      await env.shutdown();
      clearDevState();
    });
}
