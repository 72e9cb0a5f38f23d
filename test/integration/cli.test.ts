import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it.each(['sft', 'grpo', 'drgrpo', 'dapo', 'dpo', 'rewardModel', 'ppo', 'grpoContextMargin'])('checks %s gradients of a whole model against finite differences', (loss) => {
    const { code, stdout } = drl('engine', 'gradcheck', '--seed', '1', '--loss', loss, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { maxRelativeError: number; checked: number; parameters: number };
    expect(result.maxRelativeError).toBeLessThan(1e-5);
    expect(result.checked).toBe(result.parameters);
  });

  it('scores chrF++ from files like sacrebleu', () => {
    const dir = tempDir('chrf');
    writeFileSync(join(dir, 'hyp.txt'), 'the cat sat on the mat\n');
    writeFileSync(join(dir, 'ref.txt'), 'the cat sat on the mat\n');
    const { code, stdout } = drl('reward', 'chrf', '--hyp', join(dir, 'hyp.txt'), '--ref', join(dir, 'ref.txt'), '--word-order', '2', '--score-only');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('100.0');
  });

  it.each([
    [['engine', 'gradcheck', '--loss', 'kto'], /--loss/],
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
