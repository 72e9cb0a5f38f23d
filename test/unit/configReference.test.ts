import { configReference } from '../../cli/commands/config';
import { parseRunConfig, runConfigReferenceSchema } from '../../training/runConfig';

/** The value at a dotted path of a resolved config (`[]` takes the first element). */
function valueAt(config: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((value, part) => {
    const name = part.replace(/\[\]$/, '');
    const next = (value as Record<string, unknown> | undefined)?.[name];
    return part.endsWith('[]') ? (next as unknown[] | undefined)?.[0] : next;
  }, config);
}

describe('drl config reference', () => {
  const schema = runConfigReferenceSchema();
  const keys = configReference(schema);
  const byKey = new Map(keys.map((k) => [k.key, k]));

  it('lists every key, nested ones dotted, each alternative of a union and each array element field', () => {
    const topLevel = Object.keys(schema.shape);
    expect(keys.filter((k) => !k.key.includes('.')).map((k) => k.key)).toEqual(topLevel);
    for (const key of ['hyperparameters.lr', 'hyperparameters.klBeta', 'evaluation.maxTokens', 'checkpoints.keepEvery', 'policy.size', 'policy.checkpoint', 'reward.terms[].gate', 'lang.h0', 'execution.heartbeatTimeout']) {
      expect(byKey.has(key)).toBe(true);
    }
  });

  it('gives defaults equal to what validation fills in, and marks the keys a config must give', () => {
    // Optional blocks are given (empty where they can be), so their own defaults fill in too.
    const resolved = parseRunConfig({
      method: 'lang',
      dataset: { builder: 'math' },
      steps: 5,
      sft: { steps: 1 },
      prompts: {},
      lang: {},
      reward: { terms: [{ reward: 'judge' }], judge: { endpoint: 'http://127.0.0.1:8000', model: 'judge' }, rewardModel: { checkpoint: '0123abcd' }, rubric: {} },
    });
    // method and reward are given above, so their own defaults are not what validation keeps.
    // ppo: is an optional section the config above leaves out, so its defaults are not filled in.
    const withDefaults = keys.filter((k) => k.default !== undefined && k.key !== 'reward' && k.key !== 'method' && !k.key.startsWith('reward.terms[]') && !k.key.startsWith('ppo.'));
    expect(withDefaults.length).toBeGreaterThan(20);
    for (const key of withDefaults) expect([key.key, valueAt(resolved, key.key)]).toEqual([key.key, key.default]);
    expect(keys.filter((k) => k.required).map((k) => k.key)).toEqual(['dataset', 'sft.steps', 'steps', 'ppo.valueHead', 'reward.terms', 'reward.terms[].reward', 'reward.judge.endpoint', 'reward.judge.model', 'reward.rewardModel.checkpoint']);
  });

  it('states types with their bounds and carries the schema descriptions', () => {
    expect(byKey.get('groupSize')).toMatchObject({ type: 'integer >= 2', default: 4, description: expect.stringMatching(/per prompt/) });
    // The loss preset fills the hyperparameters a config leaves out, so the schema itself has no default for them.
    expect(byKey.get('hyperparameters.lr')).toMatchObject({ type: 'number > 0 <= 1', required: false });
    expect(byKey.get('hyperparameters.lr')).not.toHaveProperty('default');
    expect(byKey.get('loss')!.type).toBe('"grpo" | "drgrpo" | "dapo" | "ppo"');
    expect(byKey.get('seed')!.type).toBe('integer | string length >= 1');
    expect(byKey.get('evaluation.maxTokens')).toMatchObject({ required: false, description: expect.stringMatching(/default: maxTokens/) });
    expect(byKey.get('evaluation.maxTokens')).not.toHaveProperty('default');
  });
});
