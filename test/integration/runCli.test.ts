import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { closeActivityResources } from '../../activities';
import { testServers } from '../setup/testServers';
import { drlBin, startTestWorker, tempDir, tempStore, testClient } from '../helpers/temporalTestKit';
import { fastRunConfig } from '../helpers/trainingRunKit';

/**
 * The run verbs as a user types them, against the test server: `drl run` starts on the default queues (drl-cpu,
 * drl-gpu), which in-process workers serve from the same store the commands read.
 */
describe('drl run, signal, status, audit, samples, verify, gc', () => {
  const { dir: storeDir, store } = tempStore('run-cli');
  const cwd = tempDir('run-cli-cwd');
  // Asynchronous, because the workers run in this process: a synchronous spawn would stall them.
  const drl = async (...args: string[]) => {
    const child = spawn(process.execPath, [drlBin, ...args], {
      cwd,
      env: { ...process.env, TEMPORAL_ADDRESS: testServers.get().temporalAddress, DRL_STORE: storeDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const json = () => {
      if (code !== 0) throw new Error(`drl ${args.join(" ")} exited ${code}: ${stderr}${stdout}`);
      return JSON.parse(stdout);
    };
    return { code, stdout, stderr, json };
  };
  let workers: Array<{ stop(): Promise<void> }> = [];
  beforeAll(async () => {
    workers = [await startTestWorker(store, 'drl-cpu', 'cpu'), await startTestWorker(store, 'drl-gpu', 'gpu')];
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await closeActivityResources();
  });

  it('steers a run live and accounts for every step and change afterwards', async () => {
    const config = join(cwd, 'run.yaml');
    writeFileSync(config, stringify({ ...fastRunConfig, steps: 6, evaluation: { every: 0 }, checkpoints: { keepLast: 2 } }));
    const runId = `cli-run-${Date.now().toString(36)}`;
    expect((await drl('run', config, '--id', runId, '--detach', '--json')).json()).toMatchObject({ workflowId: runId });

    expect((await drl('signal', runId, 'pause', '--json')).json()).toMatchObject({ kind: 'pause' });
    let status;
    do status = (await drl('status', runId, '--json')).json();
    while (status.run?.phase !== 'paused');
    const pausedAt = status.run.step as number;

    const rejected = await drl('signal', runId, 'set', 'lr=-1');
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/lr=-1/);
    expect((await drl('signal', runId, 'set', 'lr=0.002', '--json')).json()).toMatchObject({ kind: 'set', detail: { key: 'lr', to: 0.002 }, effectiveStep: pausedAt });
    expect((await drl('status', runId, '--json')).json().run).toMatchObject({ step: pausedAt, phase: 'paused' });
    await drl('signal', runId, 'resume');

    const { client, close } = await testClient();
    await client.workflow.getHandle(runId).result().finally(close);

    const audit = (await drl('audit', runId, '--json')).json();
    expect(audit.controls.map((c: { kind: string }) => c.kind)).toEqual(['pause', 'set', 'resume']);
    expect(audit.controls[0].sender).toMatch(/@/);
    expect(audit.steps).toHaveLength(6);
    audit.steps.forEach((s: { step: number; hyperparameters: { lr: number } }) => expect(s.hyperparameters.lr).toBe(s.step >= pausedAt ? 0.002 : 0.001));
    expect(audit.environment).toMatchObject({ threads: 1 });
    expect((await drl('audit', runId)).stdout).toMatch(/timeline/);

    const samples = (await drl('samples', runId, '--step', '1', '--n', '3', '--json')).json();
    expect(samples.samples).toHaveLength(3);
    expect(Object.keys(samples.samples[0].reward.components)).toEqual(expect.arrayContaining(['correct.score', 'correct.weighted']));

    expect((await drl('verify', runId, '--json')).json()).toMatchObject({ ok: true });
    const gc = (await drl('gc', runId, '--json')).json();
    // Steps 0..6: the first and the two newest stay.
    expect(gc.retired).toHaveLength(4);
    const verified = (await drl('verify', runId, '--json')).json();
    expect(verified.ok).toBe(true);
    expect(verified.links.filter((l: { state: string }) => l.state === 'retired')).toHaveLength(4);

    // A corrupted weight blob of the newest checkpoint is found and named.
    const blobs = join(storeDir, 'blobs');
    const head = verified.head as string;
    const manifest = (await store.getManifest<{ tensors: Array<{ blob: { sha256: string } }> }>(`checkpoints/${head}.json`))!;
    const sha = manifest.tensors[0].blob.sha256;
    expect(readdirSync(join(blobs, sha.slice(0, 2)))).toContain(sha);
    writeFileSync(join(blobs, sha.slice(0, 2), sha), 'corrupted');
    const broken = await drl('verify', runId, '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).problems.join('\n')).toMatch(/corrupted/);
  });

  it('rejects a bad run config at the command line with the file and field', async () => {
    const config = join(cwd, 'bad.yaml');
    writeFileSync(config, stringify({ ...fastRunConfig, promptsPerStep: 0 }));
    const { code, stderr } = await drl('run', config, '--dry-run');
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yaml: promptsPerStep/);
  });
});
