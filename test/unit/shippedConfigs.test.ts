import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodNamed } from '../../recipes/methods';
import { methodSection, parseRunConfigYaml } from '../../training/runConfig';

/** The run configs the repository ships (the `*-base.yaml` files describe how a base is built, not a run). */
// Pipelines (a file with stages:) are checked by pipelineConfig.test.ts and the RLHF pipeline's test.
const runConfigs = readdirSync('configs').filter((f) => f.endsWith('.yaml') && !f.endsWith('-base.yaml') && !readFileSync(`configs/${f}`, 'utf8').includes('\nstages:'));

describe('shipped run configs', () => {
  it('include the demo and the reference run with its plain-GRPO twin', () => {
    expect(runConfigs).toEqual(expect.arrayContaining(['lang-tiny.yaml', 'lang-small.yaml', 'lang-small-grpo.yaml']));
  });

  it.each(runConfigs)('%s parses, and a LANG config resolves its schedule', (file) => {
    const path = join('configs', file);
    const config = parseRunConfigYaml(readFileSync(path, 'utf8'), path);
    const method = methodNamed(config.method);
    const resolved = method.resolve?.(methodSection(config), config, `${path}: ${config.method}`) as { schedule: { h0: number } } | undefined;
    if (config.method === 'lang') expect(resolved!.schedule.h0).toBeGreaterThan(0);
  });

  it('compare LANG and plain GRPO on the same data, base, seed and batch: only the method and the reward differ', () => {
    const read = (file: string) => parseRunConfigYaml(readFileSync(join('configs', file), 'utf8'), file) as unknown as Record<string, unknown>;
    const { method: _r1, reward: langReward, lang: _l, ...lang } = read('lang-small.yaml');
    const { method: _r2, reward: grpoReward, lang: _g, ...grpo } = read('lang-small-grpo.yaml');
    expect(grpo).toEqual(lang);
    expect(grpoReward).toEqual({ terms: [expect.objectContaining({ reward: 'correct', weight: 1 })] });
    expect(langReward).not.toEqual(grpoReward);
  });
});
