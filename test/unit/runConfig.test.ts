import { parseRunConfig, runConfigHash } from '../../training/runConfig';
import { DEFAULT_EXECUTION } from '../../workflows/v1Payloads';

const base = { dataset: { builder: 'math', languages: ['en'] }, steps: 3 };

describe('run config', () => {
  it("reads milestone 1's keys under today's names, with a warning each, into the same canonical config and hash", () => {
    const warnings: string[] = [];
    const old = parseRunConfig({ recipe: 'grpo', dataset: { recipe: 'lang', languages: ['en'] }, steps: 3 }, 'old.yaml', (w) => warnings.push(w));
    expect(warnings).toEqual([
      'old.yaml: recipe is deprecated: write method',
      'old.yaml: method: "grpo" is deprecated: write "plain"',
      'old.yaml: dataset.recipe is deprecated: write builder',
      'old.yaml: dataset.builder: "lang" is deprecated: write "math"',
    ]);
    const today = parseRunConfig({ method: 'plain', ...base });
    expect(old).toEqual(today);
    expect(runConfigHash(old)).toBe(runConfigHash(today));
  });

  it('fills the hyperparameters a config leaves out from its loss preset; a value given wins', () => {
    expect(parseRunConfig(base).hyperparameters).toEqual({ lr: 1e-3, temperature: 1, epsLow: 0.2, epsHigh: 0.2, klBeta: 0.04 });
    expect(parseRunConfig({ ...base, loss: 'dapo' }).hyperparameters).toEqual({ lr: 1e-3, temperature: 1, epsLow: 0.2, epsHigh: 0.28, klBeta: 0 });
    expect(parseRunConfig({ ...base, loss: 'drgrpo', hyperparameters: { klBeta: 0.01, lr: 3e-4 } }).hyperparameters).toMatchObject({ klBeta: 0.01, lr: 3e-4 });
    // A default spelled out and one left to the preset are the same run.
    expect(runConfigHash(parseRunConfig({ ...base, hyperparameters: { klBeta: 0.04 } }))).toBe(runConfigHash(parseRunConfig(base)));
  });

  it('leaves the execution section out of the hash', () => {
    // The workflow plans with these before it has read the config.
    expect(parseRunConfig(base).execution).toEqual(DEFAULT_EXECUTION);
    const slow = parseRunConfig({ ...base, execution: { heartbeatTimeout: '1 minute', gpuActivityTimeout: '12 hours' } });
    expect(slow.execution).toMatchObject({ heartbeatTimeout: '1 minute', cpuActivityTimeout: '1 hour' });
    expect(runConfigHash(slow)).toBe(runConfigHash(parseRunConfig(base)));
    expect(() => parseRunConfig({ ...base, execution: { heartbeatTimeout: 'soon' } })).toThrow(/execution.heartbeatTimeout/);
  });

  it("names the field of a bad method, method section, KL estimator or policy length", () => {
    expect(() => parseRunConfig({ ...base, method: 'lnag' })).toThrow(/config: method: unknown method "lnag" \(known: plain, lang/);
    expect(() => parseRunConfig({ ...base, lang: { h0: 0.5 } })).toThrow(/config: lang: only method lang reads this section \(method is plain\)/);
    expect(() => parseRunConfig({ ...base, method: 'lang', lang: { h0: 'high' } })).toThrow(/config: lang.h0: /);
    expect(() => parseRunConfig({ ...base, lnag: {} })).toThrow(/config: lnag: unrecognized key/);
    expect(() => parseRunConfig({ ...base, klEstimator: 'k4' })).toThrow(/config: klEstimator/);
    expect(() => parseRunConfig({ ...base, policy: { size: 'tiny', maxSeqLen: 0 } })).toThrow(/config: policy/);
    expect(parseRunConfig({ ...base, policy: { size: 'small', maxSeqLen: 2048 } }).policy).toEqual({ size: 'small', maxSeqLen: 2048 });
  });
});
