import '../helpers/shareTypedArraysWithOrt';
import { Rng } from '../../core/rng';
import { InferenceModel, ScoringItem, scoreWithRewardModel, sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, initParameters, validateModelConfig } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import { ADAMW_HYPERPARAMETERS, bucketFeeds, bucketParameters, fusedTrainStepGraph, parameterLayout, rewardModelTrainLoss, sequenceBatch } from '../../engine/train';

/*
 * A reward model's inference scores against the rm train-step graph on the same rows, and their independence of
 * batching and padding. Weights are drawn with a wide spread (std 0.3) so that rows score far apart.
 */
const { bos, pad } = new ByteTokenizer();
const LONGEST = 16;
const config: ModelConfig = validateModelConfig({
  vocabSize: 264, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 32, maxSeqLen: LONGEST, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true, scalarHead: 'score',
});
const weights64 = initParameters(config, 7, 0.3);
// float64 graphs run with 'basic': 'all' fuses x * sigmoid(x) into an op without a float64 kernel.
const cache64 = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
const cache32 = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
const model64: InferenceModel = { runner: sessionCacheRunner(cache64), config, weights: weights64 };
const model32: InferenceModel = { runner: sessionCacheRunner(cache32), config, weights: new Map([...weights64].map(([name, data]) => [name, Float32Array.from(data)])) };
afterAll(async () => {
  await cache64.release();
  await cache32.release();
});

/** Eleven rows: a bare bos, one of the longest length the model takes, the rest of 2 to 10 tokens. */
const rows: ScoringItem[] = ((rng) =>
  Array.from({ length: 11 }, (_, i) => {
    const promptLength = 1 + rng.int(5);
    const completionLength = i === 0 ? 0 : i === 1 ? LONGEST - promptLength : 1 + rng.int(10 - promptLength);
    const prompt = i === 0 ? [bos] : [bos, ...Array.from({ length: promptLength - 1 }, () => rng.int(256))];
    return { prompt, completion: Array.from({ length: completionLength }, () => rng.int(256)) };
  }))(Rng.derive('reward-model-scoring', 'rows'));

/** r(chosen) - r(rejected) as the rm train-step graph computes it for a batch of one pair: its `margin` output. */
async function trainGraphMargin(chosen: ScoringItem, rejected: ScoringItem): Promise<number> {
  const graph = fusedTrainStepGraph(config, rewardModelTrainLoss, 2, LONGEST, 'float64').toOnnxBytes();
  const { tokens, attentionMask } = sequenceBatch([chosen, rejected], LONGEST, pad, 'completionMask');
  const layout = parameterLayout(config);
  const bucketed = (named: (name: string) => ArrayLike<number>) => bucketParameters(layout, named, (n) => new Float64Array(n));
  const zeros = (name: string) => new Float64Array(weights64.get(name)!.length);
  const feeds: HostTensors = { tokens, attentionMask, ...bucketFeeds('params', bucketed((name) => weights64.get(name)!)), ...bucketFeeds('m', bucketed(zeros)), ...bucketFeeds('v', bucketed(zeros)) };
  for (const name of ADAMW_HYPERPARAMETERS) feeds[name] = { dtype: 'float64', dims: [], data: Float64Array.of(name === 'step' ? 1 : 0.1) };
  const out = await cache64.run(await cache64.load(graph), feeds);
  return (out.margin.data as Float64Array)[0];
}

describe('scoreWithRewardModel', () => {
  test('scores each row exactly as the rm train-step graph does (float64, same padded length)', async () => {
    // One batch over all rows: its longest row makes it LONGEST columns wide, as the train graph is.
    const scores = await scoreWithRewardModel(model64, rows, { padId: pad });
    expect(new Set(scores).size).toBe(rows.length);
    const deviations: number[] = [];
    for (let i = 0; i + 1 < rows.length; i++) {
      const margin = await trainGraphMargin(rows[i], rows[i + 1]);
      deviations.push(Math.abs(margin - (scores[i] - scores[i + 1])));
    }
    expect(deviations).toEqual(new Array(rows.length - 1).fill(0));
  });

  test("a row's float64 score does not depend on its batch, its batch's padded length or the filler rows of a short batch; float32 stays within 1e-5", async () => {
    const together = await scoreWithRewardModel(model64, rows, { padId: pad });
    const alone = await Promise.all(rows.map(async (row) => (await scoreWithRewardModel(model64, [row], { padId: pad }))[0]));
    const inThrees = await scoreWithRewardModel(model64, rows, { padId: pad, batchSize: 3 });
    const reversed = (await scoreWithRewardModel(model64, [...rows].reverse(), { padId: pad, batchSize: 4 })).reverse();
    for (const other of [alone, inThrees, reversed]) expect(other).toEqual(together);
    const float32 = await scoreWithRewardModel(model32, rows, { padId: pad, batchSize: 3 });
    float32.forEach((s, i) => expect(Math.abs(s - together[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(together[i]))));
  });

  test('refuses a model without a score head, an empty row and a row longer than maxSeqLen', async () => {
    const valueModel = { ...model64, config: { ...config, scalarHead: 'value' as const } };
    await expect(scoreWithRewardModel(valueModel, rows, { padId: pad })).rejects.toThrow(/needs scalarHead "score", it has "value"/);
    await expect(scoreWithRewardModel(model64, [rows[2], { prompt: [], completion: [] }], { padId: pad })).rejects.toThrow(/row 1 has no tokens/);
    await expect(scoreWithRewardModel(model64, [{ prompt: [bos], completion: new Array(LONGEST).fill(97) }], { padId: pad })).rejects.toThrow(/row 0 has 17 tokens, the model's maxSeqLen is 16/);
    expect(await scoreWithRewardModel(model64, [], { padId: pad })).toEqual([]);
  });
});
