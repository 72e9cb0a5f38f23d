/** `drl compare` on real fast training runs, through the compiled command line. */
import { spawnSync } from 'node:child_process';
import { closeActivityResources } from '../../activities';
import type { RunComparison } from '../../cli/runComparison';
import type { TrainingRunResult } from '../../workflows/trainingRun';
import { testServers } from '../setup/testServers';
import { drlBin, tempDir, tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

let storeDir: string;
let runs: Array<{ id: string; result: TrainingRunResult }>;

function drl(...args: string[]) {
  const run = spawnSync(process.execPath, [drlBin, ...args], {
    encoding: 'utf8',
    cwd: tempDir('compare-cli'),
    env: { ...process.env, TEMPORAL_ADDRESS: testServers.get().temporalAddress, DRL_STORE: storeDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const temp = tempStore('compare');
  storeDir = temp.dir;
  const workers = await startRunWorkers(temp.store);
  const { client, close } = await testClient();
  try {
    // Two runs from the same base on the same data, evaluated on the same problems, and a third evaluated on fewer.
    const configs = [
      { ...fastRunConfig, steps: 2 },
      { ...fastRunConfig, steps: 2, hyperparameters: { lr: 0.01 } },
      { ...fastRunConfig, steps: 2, evaluation: { every: 2, problems: 3 } },
    ];
    const handles = await Promise.all(configs.map((config, i) => startRun(client, workers, { config }, uniqueQueue(`compare-${i}`))));
    runs = await Promise.all(handles.map(async (h) => ({ id: h.workflowId, result: await h.result() })));
  } finally {
    await close();
    await workers.stop();
  }
});

afterAll(() => closeActivityResources());

describe('drl compare', () => {
  it('compares two runs per language on their final evaluations', () => {
    const [a, b] = runs;
    const json = drl('compare', a.id, b.id, '--names', 'one,two', '--json');
    expect(json.code).toBe(0);
    const c = JSON.parse(json.stdout) as RunComparison;
    expect(c.a).toMatchObject({ label: 'one', workflowId: a.id, datasetId: a.result.datasetId, outcome: 'completed', final: { checkpoint: a.result.checkpoint, step: 2 } });
    expect(c.sameBase).toBe(true);
    expect(c.b).toMatchObject({ label: 'two', workflowId: b.id, final: { checkpoint: b.result.checkpoint, step: 2 } });
    const final = (r: TrainingRunResult) => r.evaluations.at(-1)!.byLanguage.en;
    expect(c.byLanguage).toEqual([expect.objectContaining({ language: 'en', problems: 4, accuracy: { base: a.result.evaluations[0].byLanguage.en.accuracy, a: final(a.result).accuracy, b: final(b.result).accuracy } })]);
    expect(c.byLanguage[0].difference.mean).toBeCloseTo(final(b.result).accuracy - final(a.result).accuracy, 10);

    const markdown = drl('compare', a.id, b.id, '--names', 'one,two', '--markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^\| language \| problems \| base \| one \| two \| two - one \(pts, 95% CI\) \|/);
    expect(markdown.stdout).toMatch(/^\| en \| 4 \|/m);
    expect(drl('compare', a.id, b.id).stdout).toMatch(new RegExp(`^en\\s+4\\s+.*(${a.id}|${b.id}|tie)$`, 'm'));
  });

  it.each([
    [() => ['compare', runs[0].id, runs[2].id], /graded different problems \(1 of 4 only in test-compare-0-.*, 0 of 3 only in test-compare-2-/],
    [() => ['compare', runs[0].id, 'no-such-run'], /no training run no-such-run/],
    [() => ['compare', runs[0].id, runs[1].id, '--names', 'solo'], /--names solo: expected two different labels/],
  ])('exits 2 naming the bad input (%#)', (args, message) => {
    const { code, stderr } = drl(...args());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
