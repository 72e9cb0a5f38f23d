import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { drlSearchAttributes } from '../workflows/searchAttributes';
import { freePort } from './freePort';
import { findOrBuildGoBinary, temporalCli } from './goBinary';
import { describeAttribute, setUpSearchAttributes } from './searchAttributeSetup';
import { waitForTemporal } from './waitForTemporal';

export interface DevServerOptions {
  /** SQLite file that keeps the history across restarts. */
  dbFile: string;
  port?: number;
  uiPort?: number;
  ui?: boolean;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The `--search-attribute` flags that register the project's attributes (the same list the tests register). The
 * server applies them only when it creates its SQLite file; `startDevServer` adds any an older file lacks.
 */
export function searchAttributeFlags(): string[] {
  return drlSearchAttributes.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`,
  ]);
}

/**
 * Starts the real Temporal dev server (Temporal CLI) on loopback with a persistent SQLite file, with drl's search
 * attributes registered on its default namespace.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const binary = findOrBuildGoBinary(temporalCli, log);
  const port = options.port ?? (await freePort());
  const ui = options.ui ?? true;
  const uiPort = options.uiPort ?? (ui ? await freePort() : undefined);
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--db-filename', options.dbFile,
    '--log-level', 'warn',
    ...(ui ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...searchAttributeFlags(),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The server must not outlive this process (a second server on the same SQLite file would corrupt it): however this
  // process ends short of SIGKILL, its end takes the server down. A terminating signal ends Node without an 'exit'
  // event, so it stops the server and is raised again, to end this process as it would have without the handler.
  // Not SIGHUP: a listener would undo `nohup`, which leaves it ignored.
  const killOnExit = () => child.kill('SIGTERM');
  const killAndReraise = (signal: NodeJS.Signals) => {
    child.kill('SIGTERM');
    process.kill(process.pid, signal);
  };
  const terminating: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  process.once('exit', killOnExit);
  for (const signal of terminating) process.once(signal, killAndReraise);
  void exited.then(() => {
    process.removeListener('exit', killOnExit);
    for (const signal of terminating) process.removeListener(signal, killAndReraise);
  });
  const address = `127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForTemporal(address),
      exited.then((code) => {
        throw new Error(`temporal server start-dev exited with ${code} before it was ready:\n${stderr}`);
      }),
    ]);
    await addMissingSearchAttributes(address, log);
  } catch (err) {
    await stopChild(child, exited);
    throw err;
  }
  return {
    address,
    uiUrl: ui ? `http://127.0.0.1:${uiPort}` : undefined,
    pid: child.pid!,
    stop: () => stopChild(child, exited),
  };
}

// A history file made before an attribute joined drl's list does not get it from the flags.
async function addMissingSearchAttributes(address: string, log: (line: string) => void): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const { added } = await setUpSearchAttributes(connection, { address, namespace: 'default' });
    if (added.length > 0) log(`registered search attributes ${added.map(describeAttribute).join(', ')} (the history file predates them)`);
  } finally {
    await connection.close();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
