import '../helpers/shareTypedArraysWithOrt';
import { Graph } from '../../engine/graph';
import { ModelConfig, initParameters, lastTokenValues, namedSizes, parameterCount, parameterSpecs, validateModelConfig } from '../../engine/model';
import { SessionCache } from '../../engine/runtime';
import { bucketName, fusedTrainStepGraph, parameterLayout, trainLoss } from '../../engine/train';

const tiny: ModelConfig = namedSizes.tiny;
const small: ModelConfig = validateModelConfig({ ...tiny, vocabSize: 16, dModel: 8, nLayers: 1, nHeads: 2, nKvHeads: 1, dFf: 16 });

describe('scalar heads as an optional model part', () => {
  test('a head adds one [dModel, 1] weight at the end; every other parameter and its seeded init is unchanged', () => {
    const plain = parameterSpecs(small);
    for (const [kind, name] of [['score', 'scoreHead.weight'], ['value', 'valueHead.weight']] as const) {
      const withHead = validateModelConfig({ ...small, scalarHead: kind });
      expect(parameterSpecs(withHead)).toEqual([...plain, { name, shape: [small.dModel, 1], init: 'normal' }]);
      const a = initParameters(small, 3);
      const b = initParameters(withHead, 3);
      for (const s of plain) expect(b.get(s.name)).toEqual(a.get(s.name));
    }
    expect(() => validateModelConfig({ ...tiny, scalarHead: 'reward' as never })).toThrow(/scalarHead must be one of score, value, got "reward"/);
  });

  test('train-step graphs carry the head: inputs, gradients and AdamW outputs for scoreHead.weight', () => {
    const withHead = { ...tiny, scalarHead: 'score' as const };
    const summary = fusedTrainStepGraph(withHead, trainLoss('rewardModel'), 4, 8).summary();
    const layout = parameterLayout(withHead);
    const head = layout.specs.findIndex((s) => s.name === 'scoreHead.weight');
    const bucket = layout.bucketOf[head];
    expect(summary.parameters).toBe(parameterCount(withHead));
    expect(summary.inputs).toEqual(expect.arrayContaining(['params', 'm', 'v'].map((vector) => bucketName(vector, bucket))));
    expect(summary.outputs).toEqual(expect.arrayContaining(['loss', 'accuracy', 'margin', bucketName('new.params', bucket)]));
  });

  test('a loss refuses a model without the head it trains, an odd preference batch and a grpoContextMargin batch without prompt rows', () => {
    expect(() => fusedTrainStepGraph(tiny, trainLoss('rewardModel'), 4, 8)).toThrow(/rewardModel loss: the model config needs scalarHead "score", it has none/);
    expect(() => fusedTrainStepGraph({ ...tiny, scalarHead: 'score' }, trainLoss('ppo'), 4, 8)).toThrow(/ppo loss: the model config needs scalarHead "value", it has "score"/);
    expect(() => fusedTrainStepGraph(tiny, trainLoss('dpo'), 3, 8)).toThrow(/dpo loss: a preference batch needs an even number of rows/);
    expect(() => trainLoss('grpoContextMargin')).toThrow(/contextChoiceRows/);
    expect(() => fusedTrainStepGraph(tiny, trainLoss('grpoContextMargin', { contextChoiceRows: 4 }), 4, 8)).toThrow(/grpoContextMargin loss: contextMargin rows must be an integer in \[1, 3\] for a batch of 4 rows, got 4/);
  });

  test('lastTokenValues reads each row at its last real column, right- or left-padded', async () => {
    const g = new Graph('last-token');
    const values = g.input('values', 'float64', [3, 4]);
    g.output(lastTokenValues(values, g.input('mask', 'bool', [3, 4])), 'last');
    const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
    try {
      const out = await cache.run(await cache.load(g.toOnnxBytes()), {
        values: { dtype: 'float64', dims: [3, 4], data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) },
        mask: { dtype: 'bool', dims: [3, 4], data: Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]) },
      });
      expect(Array.from(out.last.data as Float64Array)).toEqual([2, 8, 12]);
    } finally {
      await cache.release();
    }
  });
});
