import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { Engine } from '../../engine/runtime';
import { loadServedModel } from '../../serve/servedModel';
import { startServer } from '../../serve/server';
import { integerFlag } from '../integerFlag';
import { logLine, printResult } from '../output';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('an OpenAI-compatible HTTP server (/v1/models, /v1/completions, /v1/chat/completions) for one checkpoint, on the engine')
    .requiredOption('--checkpoint <ref>', 'checkpoint id or unique prefix in DRL_STORE, another manifest key there, the manifest URI, or the path of a manifest file in a store folder')
    .option('--port <n>', 'port to listen on (0: a free one)', '8000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--json', 'print {"url", "model"} as one JSON document on stdout once listening')
    .addHelpText(
      'after',
      '\nPrints the base URL for OpenAI clients; SIGINT/SIGTERM finish the requests in flight, then stop. See serve/README.md.\n' +
        '\nExample:\n  drl serve --checkpoint 3f9c2a1b --port 8000\n' +
        '  curl http://127.0.0.1:8000/v1/completions -H "Content-Type: application/json" \\\n' +
        '    -d \'{"model": "3f9c2a1b", "prompt": "2+2=", "max_tokens": 8, "temperature": 0}\'',
    )
    .action(async (options: { checkpoint: string; port: string; host: string; json?: boolean }) => {
      const port = integerFlag('--port', options.port, 0);
      if (port > 65535) throw new InputError(`--port must be at most 65535, got ${port}`);
      const engine = new Engine();
      try {
        const served = await loadServedModel(options.checkpoint, engine);
        const server = await startServer(served, { host: options.host, port });
        const url = `${server.url}/v1`;
        const c = served.model.config;
        logLine(`serving ${served.id} (d=${c.dModel}, ${c.nLayers} layers, context ${c.maxSeqLen}) at ${url}; Ctrl-C stops`);
        printResult(!!options.json, { url, model: served.id }, () => url);
        await stopSignal();
        logLine('stopping: finishing the requests in flight');
        await server.close();
      } finally {
        await closeHoldingTheProcess(engine);
      }
    });
}

/**
 * Engine.close() waits for its thread to exit, but the thread is unref'd, so with nothing else pending (a checkpoint
 * that failed to load) the process would exit 0 mid-close and lose the error's exit code; a timer holds it open.
 */
async function closeHoldingTheProcess(engine: Engine): Promise<void> {
  const hold = setInterval(() => undefined, 60_000);
  try {
    await engine.close();
  } finally {
    clearInterval(hold);
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const first = () => {
      process.off('SIGINT', first).off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', first).on('SIGTERM', first);
  });
}
