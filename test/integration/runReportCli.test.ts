/** `drl report`, `drl metrics` and `drl eval` on a real fast training run, through the compiled command line. */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeActivityResources } from '../../activities';
import { runStatusQuery, setUpdate } from '../../workflows/runControl';
import type { TrainingRunResult } from '../../workflows/trainingRun';
import { testServers } from '../setup/testServers';
import { drlBin, tempDir, tempStore, testClient } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

let storeDir: string;
let runId: string;
let result: TrainingRunResult;

function drl(...args: string[]) {
  const run = spawnSync(process.execPath, [drlBin, ...args], {
    encoding: 'utf8',
    cwd: tempDir('report-cli'),
    env: { ...process.env, TEMPORAL_ADDRESS: testServers.get().temporalAddress, DRL_STORE: storeDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const temp = tempStore('report');
  storeDir = temp.dir;
  const workers = await startRunWorkers(temp.store);
  const { client, close } = await testClient();
  try {
    const handle = await startRun(client, workers, { config: fastRunConfig });
    runId = handle.workflowId;
    // A learning-rate change once step 1 is done, so the report has a hyperparameter change to mark.
    while ((await handle.query(runStatusQuery)).step < 1) await new Promise((r) => setTimeout(r, 50));
    await handle.executeUpdate(setUpdate, { args: [{ sender: 'report-test', key: 'lr', value: 0.002 }] });
    result = await handle.result();
  } finally {
    await close();
    await workers.stop();
  }
});

afterAll(() => closeActivityResources());

/** Each <svg> element of the page by its id, with its polylines' vertex counts and marker labels. */
function charts(html: string): Map<string, { polylines: number[]; markers: string[] }> {
  const found = new Map<string, { polylines: number[]; markers: string[] }>();
  for (const [, id, body] of html.matchAll(/<svg [^>]*id="([^"]+)"[^>]*>(.*?)<\/svg>/gs)) {
    const polylines = [...body.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map(([, points]) => (points.trim() ? points.trim().split(/\s+/).length : 0));
    const markers = [...body.matchAll(/<line class="marker"[^>]*><title>([^<]*)<\/title>/g)].map(([, label]) => label);
    found.set(id, { polylines, markers });
  }
  return found;
}

describe('training run report, metrics and eval', () => {
  it('writes an HTML page whose curves have a vertex per step and mark the learning-rate change', () => {
    const out = join(tempDir('report-out'), 'run.html');
    const made = drl('report', runId, '--out', out, '--json');
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({ runId, path: out, steps: 4, finalCheckpoint: result.checkpoint });
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain(result.checkpoint);
    expect(html).toContain(result.configHash);
    expect(html).toContain(result.datasetId);

    const byId = charts(html);
    expect([...byId.keys()]).toEqual([
      'chart-meanReward', 'chart-trainAccuracy', 'chart-evalAccuracy', 'chart-evalConsistency', 'chart-loss', 'chart-kl', 'chart-entropy',
      'chart-clipFraction', 'chart-gradNorm', 'chart-tokensPerSecond', 'chart-seconds',
    ]);
    for (const id of ['chart-meanReward', 'chart-trainAccuracy', 'chart-loss', 'chart-kl', 'chart-gradNorm', 'chart-tokensPerSecond', 'chart-seconds']) {
      expect(byId.get(id)!.polylines).toEqual([4]);
    }
    // Evaluated before any update, at step 2 and at the end: overall and English.
    expect(byId.get('chart-evalAccuracy')!.polylines).toEqual([3, 3]);
    expect(byId.get('chart-evalConsistency')!.polylines).toEqual([3]);
    const marker = byId.get('chart-loss')!.markers;
    expect(marker).toHaveLength(1);
    expect(marker[0]).toMatch(/^step [234]: lr 0\.001 -&gt; 0\.002$/);
  });

  it('exports one metrics row per step as JSONL and CSV, agreeing with the run', () => {
    const jsonl = drl('metrics', runId);
    expect(jsonl.code).toBe(0);
    const rows = jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, number | string | null>);
    expect(rows.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(rows[3].checkpoint).toBe(result.checkpoint);
    for (const row of rows) {
      for (const column of ['meanReward', 'loss', 'kl', 'entropy', 'clipFraction', 'gradNorm', 'tokensPerSecond', 'seconds', 'reward.en', 'accuracy.en']) {
        expect(typeof row[column]).toBe('number');
      }
    }
    expect(rows[0]['hyperparameters.lr']).toBe(0.001);
    expect(rows[3]['hyperparameters.lr']).toBe(0.002);
    const evaluated = result.evaluations.filter((e) => e.step > 0);
    expect(rows.filter((r) => r.evalAccuracy !== null).map((r) => [r.step, r['evalAccuracy.en']])).toEqual(evaluated.map((e) => [e.step, e.byLanguage.en.accuracy]));

    const out = join(tempDir('metrics-out'), 'run.csv');
    const csv = drl('metrics', runId, '--format', 'csv', '--out', out);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim()).toBe(out);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    const header = lines[0].split(',');
    expect(header.slice(0, 10)).toEqual(['step', 'checkpoint', 'meanReward', 'loss', 'kl', 'entropy', 'clipFraction', 'gradNorm', 'tokensPerSecond', 'seconds']);
    expect(Number(lines[4].split(',')[header.indexOf('loss')])).toBe(rows[3].loss);
  });

  it('evaluates a checkpoint in one command exactly as the run evaluated it', () => {
    // Forget the run's committed evaluations, so the command computes the accuracy again rather than reading it.
    rmSync(join(storeDir, 'outputs', 'evaluate'), { recursive: true, force: true });
    const args = ['eval', result.checkpoint.slice(0, 12), '--dataset', result.datasetId.slice(0, 10), '--problems', '4', '--max-tokens', '12', '--max-prompt-tokens', '192'];
    const evaluated = drl(...args, '--json');
    expect(evaluated.code).toBe(0);
    const final = result.evaluations.at(-1)!;
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ checkpoint: result.checkpoint, step: 4, datasetId: result.datasetId, accuracy: final.accuracy, byLanguage: final.byLanguage });
    expect(evaluated.stderr).toMatch(/evaluated 4\/4 problems/);
    expect(drl(...args).stdout).toMatch(/^ {2}en\s+\d+\.\d% {2}of 4$/m);
  });

  it('prints the config reference as text and as one JSON document', () => {
    const json = drl('config', 'reference', '--json');
    expect(json.code).toBe(0);
    const { keys } = JSON.parse(json.stdout) as { keys: Array<{ key: string; default?: unknown }> };
    expect(keys).toContainEqual(expect.objectContaining({ key: 'maxSkippedShare', default: 0.1 }));
    expect(keys).toContainEqual(expect.objectContaining({ key: 'lang.h0' }));
    expect(drl('config', 'reference').stdout).toMatch(/^groupSize\s+integer >= 2\s+4\s+completions sampled per prompt/m);
  });

  it.each([
    [['eval', 'deadbeefdeadbeef', '--dataset', 'abcdef'], /no checkpoint deadbeefdeadbeef/],
    [['eval', 'zz', '--dataset', 'abcdef'], /checkpoint ref "zz"/],
    [['metrics', 'no-such-run'], /no training run no-such-run/],
    [['metrics', 'x', '--format', 'xml'], /--format must be jsonl or csv/],
  ])('exits 2 naming the bad input: %j', (args, message) => {
    const { code, stderr } = drl(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('rejects --max-tokens beyond the checkpoint\'s context and --problems 0', () => {
    const tooLong = drl('eval', result.checkpoint, '--dataset', result.datasetId, '--max-tokens', '100000');
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/exceeds the checkpoint's maxSeqLen/);
    const none = drl('eval', result.checkpoint, '--dataset', result.datasetId, '--problems', '0');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--problems must be an integer >= 1/);
  });
});
