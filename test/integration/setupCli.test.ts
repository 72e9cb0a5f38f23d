import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startDevServer } from '../../workers/devServer';
import { freePort } from '../../workers/freePort';
import { isTemporalCloud, probeSearchAttributes } from '../../workers/searchAttributeSetup';
import { waitForTemporal } from '../../workers/waitForTemporal';
import { drlSearchAttributes } from '../../workflows/searchAttributes';
import { testServers } from '../setup/testServers';
import { drlBin, freshNamespace, tempDir } from '../helpers/temporalTestKit';

const { IndexedValueType } = temporal.api.enums.v1;
const names = drlSearchAttributes.map((k) => k.name).sort();
const address = () => testServers.get().temporalAddress;

/** `drl ARGS` as a user runs it, against `namespace` on the test server (or no server at all). */
function drl(args: string[], namespace?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: namespace ? address() : '', TEMPORAL_NAMESPACE: namespace ?? '' };
  if (!namespace) delete env.TEMPORAL_ADDRESS;
  const child = spawn(process.execPath, [drlBin, ...args], { cwd: tempDir('setup-cwd'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

interface SetupJson {
  namespace: string;
  ok: boolean;
  added: { name: string; type: string }[];
  present: { name: string; type: string }[];
  missing: { name: string; type: string }[];
  mismatched: { name: string; expected: string; found: string }[];
  problems: string[];
}

async function registered(namespace: string): Promise<Record<string, number>> {
  const connection = await Connection.connect({ address: address() });
  try {
    return (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } finally {
    await connection.close();
  }
}

describe('drl setup', () => {
  it('adds every attribute to a namespace that has none, then finds them present', async () => {
    const namespace = await freshNamespace('setup');
    const first = await drl(['setup', '--json'], namespace);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const added = JSON.parse(first.stdout) as SetupJson;
    expect(added).toMatchObject({ namespace, ok: true, missing: [], mismatched: [] });
    expect(added.added.map((a) => a.name).sort()).toEqual(names);
    expect(added.added).toContainEqual({ name: 'DrlMethod', type: 'Keyword' });
    expect(Object.keys(await registered(namespace)).sort()).toEqual(names);

    const second = await drl(['setup'], namespace);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/added/);
    for (const name of names) expect(second.stdout).toMatch(new RegExp(`present +${name} `));
    expect(second.stdout).toMatch(/search attributes ready/);
  });

  it('reports an attribute registered with another type, naming both types, and adds nothing', async () => {
    const namespace = await freshNamespace('setup-type');
    const connection = await Connection.connect({ address: address() });
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { DrlMethod: IndexedValueType.INDEXED_VALUE_TYPE_INT } });
    await connection.close();
    const { code, stdout } = await drl(['setup', '--json'], namespace);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as SetupJson;
    expect(result.ok).toBe(false);
    expect(result.mismatched).toEqual([{ name: 'DrlMethod', expected: 'Keyword', found: 'Int' }]);
    expect(result.added).toEqual([]);
    expect(result.problems.join('\n')).toMatch(/DrlMethod is registered as Int .* drl needs Keyword/);
    expect(Object.keys(await registered(namespace))).toEqual(['DrlMethod']);
  });

  it('says there is no server to set up when none is configured and no drl dev runs', async () => {
    const { code, stderr } = await drl(['setup']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no Temporal server to set up: set TEMPORAL_ADDRESS/);
  });

  it('explains itself, Temporal Cloud included, with an example', async () => {
    const { code, stdout } = await drl(['setup', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/DrlMethod \(Keyword\)/);
    expect(stdout).toMatch(/Temporal Cloud.*tcld/s);
    expect(stdout).toMatch(/Example:\n {2}TEMPORAL_ADDRESS=/);
  });
});

describe('a worker on a namespace without the search attributes', () => {
  it('refuses to start, exit 2, naming the missing attributes and `drl setup`', async () => {
    const namespace = await freshNamespace('worker');
    const [cpu, gpu, check] = await Promise.all([
      drl(['worker', '--queue', 'cpu', '--task-queue', `${namespace}-cpu`], namespace),
      drl(['worker', '--queue', 'gpu', '--task-queue', `${namespace}-gpu`], namespace),
      drl(['setup', '--check', '--json'], namespace),
    ]);
    for (const worker of [cpu, gpu]) {
      expect(worker.code).toBe(2);
      expect(worker.stderr).toMatch(new RegExp(`worker not started: namespace "${namespace}" on \\S+ lacks the search attributes`));
      expect(worker.stderr).toMatch(/DrlMethod \(Keyword\)/);
      expect(worker.stderr).toMatch(/DrlStep \(Int\)/);
      expect(worker.stderr).toMatch(/run `drl setup`/);
    }
    // `--check` adds nothing and fails while any is missing.
    expect(check.code).toBe(1);
    expect((JSON.parse(check.stdout) as SetupJson).missing.map((a) => a.name).sort()).toEqual(names);
    expect(await registered(namespace)).toEqual({});
  });
});

describe('the search attribute check', () => {
  it('reads them through visibility queries where the operator service is refused (Temporal Cloud)', async () => {
    const connection = await Connection.connect({ address: address() });
    try {
      const bare = await probeSearchAttributes(connection.workflowService, await freshNamespace('probe'));
      expect(bare.missing.map((a) => a.name).sort()).toEqual(names);
      const ready = await probeSearchAttributes(connection.workflowService, 'default');
      expect(ready).toMatchObject({ via: 'visibility', missing: [] });
      expect(ready.present.map((a) => a.name).sort()).toEqual(names);
    } finally {
      await connection.close();
    }
  });

  it('knows Temporal Cloud endpoints', () => {
    expect(isTemporalCloud('rl.a1b2c.tmprl.cloud:7233')).toBe(true);
    expect(isTemporalCloud('us-east-1.aws.api.temporal.io:7233')).toBe(true);
    expect(isTemporalCloud('temporal.example:7233')).toBe(false);
  });

  it('is satisfied by the dev server even on a history file made before DrlMethod existed', async () => {
    const dbFile = join(tempDir('old-db'), 'temporal.db');
    const port = await freePort();
    // The dev server as an older drl started it: every attribute but DrlMethod.
    const older = spawn(testServers.get().temporalCli, [
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--headless', '--log-level', 'error',
      ...drlSearchAttributes.filter((k) => k.name !== 'DrlMethod').flatMap((k) => ['--search-attribute', `${k.name}=${TypedSearchAttributes.toMetadataType(k.type)}`]),
    ], { stdio: 'ignore' });
    const exited = new Promise((resolve) => older.once('exit', resolve));
    try {
      await waitForTemporal(`127.0.0.1:${port}`);
    } finally {
      older.kill('SIGTERM');
      await exited;
    }
    const server = await startDevServer({ dbFile, port, ui: false });
    try {
      const connection = await Connection.connect({ address: server.address });
      const attributes = (await connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {};
      await connection.close();
      expect(Object.keys(attributes).sort()).toEqual(names);
    } finally {
      await server.stop();
    }
  });
});
