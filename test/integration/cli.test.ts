import { spawnSync } from 'node:child_process';
import { drlBin, tempDir } from '../helpers/temporalTestKit';

function drl(...args: string[]) {
  const run = spawnSync(process.execPath, [drlBin, ...args], {
    encoding: 'utf8',
    cwd: tempDir('cli'),
    env: { ...process.env, TEMPORAL_ADDRESS: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('drl command line', () => {
  it('explains itself at every level with an example', () => {
    for (const args of [['--help'], ['data', 'build', '--help'], ['worker', '--help'], ['dev', '--help']]) {
      const { code, stdout } = drl(...args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: drl/);
      expect(stdout).toMatch(/Example/);
    }
  });

  it('prints the resolved config and its dataset id on --dry-run, as one JSON document with --json', () => {
    const { code, stdout } = drl('data', 'build', '--kg', 'wordnet', '--questions', '5', '--dry-run', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { datasetId: string; config: { kg: string; questions: number } };
    expect(parsed.datasetId).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.config).toMatchObject({ kg: 'wordnet', questions: 5 });
  });

  it.each([
    [['data', 'build', '--kg', 'freebase', '--dry-run'], /kg/],
    [['data', 'build', '--languages', 'en,xx', '--dry-run'], /xx/],
    [['data', 'build', '--questions', '0', '--dry-run'], /questions/],
    [['data', 'build', '--hops', 'two', '--dry-run'], /--hops/],
    [['data', 'build', '--out', '/proc/version/out'], /--out/],
    [['worker', '--queue', 'tpu'], /--queue/],
  ])('exits 2 with a message naming the bad input: %j', (args, message) => {
    const { code, stderr } = drl(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
