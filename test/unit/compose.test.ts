import { composeRewards, composeRewardsBatch, CompositionConfig } from '../../rewards/compose';
import { RewardResult } from '../../rewards/rewardResult';
import { InputError } from '../../core/errors';

const math = (correct: 0 | 1): RewardResult => ({ score: correct, components: { correct }, reason: '' });
const rubric: RewardResult = { score: 0.8, components: { hits: 4 }, reason: '' };
const language: RewardResult = { score: 0.5, components: { share: 0.5 }, reason: '' };

const config: CompositionConfig = {
  terms: [
    { reward: 'math' },
    { reward: 'rubric', weight: 0.3, gate: 'math.correct' },
    { reward: 'language', weight: 0.2 },
  ],
};

test('weighted sum with a gate, every component recorded', () => {
  const result = composeRewards({ math: math(1), rubric, language }, config);
  expect(result.score).toBeCloseTo(1 + 0.24 + 0.1, 12);
  expect(result.components).toMatchObject({
    'math.score': 1,
    'math.correct': 1,
    'rubric.hits': 4,
    'rubric.gate': 1,
    'rubric.weighted': 0.3 * 0.8,
    'language.share': 0.5,
    'language.weighted': 0.1,
  });
});

test('a closed gate pays nothing but still records the gated reward', () => {
  const [result] = composeRewardsBatch([{ math: math(0), rubric, language }], config);
  expect(result.score).toBeCloseTo(0.1, 12);
  expect(result.components).toMatchObject({ 'rubric.gate': 0, 'rubric.weighted': 0, 'rubric.score': 0.8 });
  expect(result.reason).toContain('rubric gated off by math.correct');
});

test('bad configs and missing rewards are InputErrors', () => {
  expect(() => composeRewards({ math: math(1) }, { terms: [] })).toThrow(InputError);
  expect(() => composeRewards({ math: math(1) }, { terms: [{ reward: 'rubric' }] })).toThrow(InputError);
  expect(() => composeRewards({ math: math(1) }, { terms: [{ reward: 'math', gate: 'math.nope' }] })).toThrow(InputError);
  expect(() => composeRewards({ math: math(1) }, { terms: [{ reward: 'math', weight: 'x' }] } as never)).toThrow(InputError);
});
