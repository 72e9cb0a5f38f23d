import type { Command } from 'commander';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { InputError } from '../../core/errors';
import { describeAttribute, mismatchMessage, setUpSearchAttributes, type SearchAttributeSetup } from '../../workers/searchAttributeSetup';
import { readDevState } from '../../workers/devState';
import { configuredTemporal, type TemporalTarget } from '../../workers/temporalConnection';
import { drlSearchAttributes } from '../../workflows/searchAttributes';
import { exitCodes, printResult } from '../output';
import { runningDevServer } from '../temporalSession';

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description("register drl's search attributes on the configured Temporal namespace (a dev server or a real cluster); idempotent")
    .option('--check', 'only check them: add nothing, exit 1 if any is missing')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText(
      'after',
      `\nAttributes: ${drlSearchAttributes.map((k) => `${k.name} (${TypedSearchAttributes.toMetadataType(k.type)})`).join(', ')}.\n` +
        'Connects to TEMPORAL_ADDRESS when set (namespace, TLS and API key from TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, ... or the\n' +
        "profile of Temporal's environment configuration), otherwise to a running `drl dev` (which registers them itself).\n" +
        'Run it once per namespace, before `drl worker`: a worker refuses to start on a namespace that lacks them.\n' +
        'An attribute registered with another type is reported (exit 1) and nothing is added.\n' +
        'On Temporal Cloud search attributes are added in the Cloud UI or with tcld, not through the API drl uses:\n' +
        '`drl setup` only checks them there and prints the tcld command for the missing ones.\n' +
        '\nExample:\n  TEMPORAL_ADDRESS=temporal.example:7233 TEMPORAL_NAMESPACE=rl drl setup',
    )
    .action(async (options: { check?: boolean; json?: boolean }) => {
      const target = configuredTemporal() ?? (await runningDevServer());
      if (!target) {
        const dev = readDevState();
        throw new InputError(
          `no Temporal server to set up${dev ? ` (the drl dev recorded in .drl/dev.json, ${dev.address}, does not answer)` : ''}: ` +
            'set TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE, TEMPORAL_API_KEY or TLS settings) to your cluster, ' +
            'or start `drl dev`, whose dev server registers the attributes itself',
        );
      }
      const result = await withConnection(target, (connection) => setUpSearchAttributes(connection, target, { checkOnly: options.check }));
      const problems = [
        ...result.mismatched.map((m) => mismatchMessage(m, result.namespace)),
        ...(result.missing.length > 0 ? [`missing: ${result.missing.map(describeAttribute).join(', ')} (${result.notAdded ?? 'not added'})`] : []),
      ];
      printResult(!!options.json, { ...result, ok: problems.length === 0, problems }, () => text(result, problems));
      if (problems.length > 0) process.exitCode = exitCodes.failed;
    });
}

async function withConnection<T>(target: TemporalTarget, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect(target.connectionOptions as Parameters<typeof Connection.connect>[0]);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

function text(result: SearchAttributeSetup, problems: string[]): string {
  const rows = [
    ...result.added.map((a) => `  added    ${describeAttribute(a)}`),
    ...result.present.filter((a) => !result.added.some((b) => b.name === a.name)).map((a) => `  present  ${describeAttribute(a)}`),
    ...result.mismatched.map((m) => `  WRONG    ${m.name} (${m.found}, drl needs ${m.expected})`),
    ...result.missing.map((a) => `  MISSING  ${describeAttribute(a)}`),
  ];
  const summary = problems.length === 0 ? 'search attributes ready' : `${problems.length} problem(s):\n  ${problems.join('\n  ')}`;
  return [`namespace "${result.namespace}" on ${result.address}:`, ...rows, summary].join('\n');
}
