import '../helpers/shareTypedArraysWithOrt';
import { scoreCompletions, sessionCacheRunner } from '../../engine/infer';
import { modelOfSize, namedSizes, type NamedSize } from '../../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../../engine/runtime';
import { PolicyState, fusedTrainStepGraph, trainLoss } from '../../engine/train';

describe('modelOfSize', () => {
  it('is the named size with maxSeqLen overridden, or the named size itself', () => {
    expect(modelOfSize('small', { maxSeqLen: 2048 })).toEqual({ ...namedSizes.small, maxSeqLen: 2048 });
    expect(modelOfSize('base')).toEqual(namedSizes.base);
    expect(namedSizes.small.maxSeqLen).toBe(1024);
  });

  it.each([0, -8, 1.5, Number.NaN])('refuses maxSeqLen %p', (maxSeqLen) => {
    expect(() => modelOfSize('tiny', { maxSeqLen })).toThrow(/model config: maxSeqLen must be a positive integer, got /);
  });

  it('refuses an unknown size by name', () => {
    expect(() => modelOfSize('huge' as NamedSize)).toThrow(/unknown size "huge" \(known: tiny, small, base\)/);
  });

  it('lets a train step take 2,048 columns, which the named size refuses', () => {
    expect(() => fusedTrainStepGraph(namedSizes.tiny, trainLoss('grpo'), 1, 2048)).toThrow(/sequence length 2048 exceeds maxSeqLen 1024/);
    expect(fusedTrainStepGraph(modelOfSize('tiny', { maxSeqLen: 2048 }), trainLoss('grpo'), 1, 2048).summary().inputs).toContain('tokens');
  });

  it('scores tokens past position 1,024 from RoPE tables that follow maxSeqLen', async () => {
    const cache = new SessionCache(resolveRuntimeOptions({ threads: 1 }));
    try {
      const config = modelOfSize('tiny', { maxSeqLen: 1280 });
      const model = { runner: sessionCacheRunner(cache), config, weights: PolicyState.init(config, 1).weights };
      const item = { prompt: [256, ...Array.from({ length: 1100 }, (_, i) => i % 256)], completion: [65, 66, 67] };
      const [logProbs] = await scoreCompletions(model, [item], { padId: 258 });
      expect(logProbs).toHaveLength(3);
      expect(logProbs.every((lp) => Number.isFinite(lp) && lp < 0)).toBe(true);
      await expect(scoreCompletions({ ...model, config: namedSizes.tiny }, [item], { padId: 258 })).rejects.toThrow(/exceeds maxSeqLen 1024/);
    } finally {
      await cache.release();
    }
  });
});
