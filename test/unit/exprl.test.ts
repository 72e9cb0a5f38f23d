import { exprlOutcomeReward, exprlOutcomeRewardBatch, exprlProcessReward, splitSteps, stepRewardsPerToken } from '../../rewards/exprl';
import { InputError } from '../../core/errors';

test('outcome: r = (s - 1) / 4, unparsable judge output masks', () => {
  expect(exprlOutcomeRewardBatch([1, 2, 3, 4, 5]).map((r) => r.score)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  expect(exprlOutcomeReward(null)).toMatchObject({ masked: true, components: { masked: 1 } });
  expect(exprlOutcomeReward(7).masked).toBe(true);
  expect(exprlOutcomeReward(2.5).masked).toBe(true);
});

test('steps split on ### with spans that tile the response; blank steps merge', () => {
  const response = 'x = 2 ### y = 4 ###  ### answer 6';
  const steps = splitSteps(response);
  expect(steps.map((s) => s.text)).toEqual(['x = 2', 'y = 4', 'answer 6']);
  expect(steps.map((s) => [s.start, s.end])).toEqual([[0, 9], [9, 24], [24, response.length]]);
  expect(splitSteps('### a ###').map((s) => [s.text, s.start, s.end])).toEqual([['a', 0, 9]]);
  expect(splitSteps('')).toEqual([{ text: '', start: 0, end: 0 }]);
});

test('process: step rewards are the progress each step adds and telescope to s_K', () => {
  const result = exprlProcessReward({ response: 'a ### b ### c', stepScores: [2, 4, 3], truncated: false });
  expect(result.steps.map((s) => s.progress)).toEqual([0.25, 0.75, 0.5]);
  expect(result.steps.map((s) => s.reward)).toEqual([0.25, 0.5, -0.25]);
  expect(result.steps.reduce((sum, s) => sum + s.reward, 0)).toBeCloseTo(result.score, 12);
  expect(result).toMatchObject({ score: 0.5, masked: false, components: { steps: 3, finalProgress: 0.5 } });
});

test('process: truncated -> 0, unparsable -> masked, wrong score count -> InputError', () => {
  const truncated = exprlProcessReward({ response: 'a ### b', stepScores: [5, 5], truncated: true });
  expect(truncated).toMatchObject({ score: 0, masked: false });
  expect(truncated.steps.map((s) => s.reward)).toEqual([0, 0]);
  const masked = exprlProcessReward({ response: 'a ### b', stepScores: [3, null], truncated: false });
  expect(masked).toMatchObject({ masked: true, components: { masked: 1 } });
  expect(() => exprlProcessReward({ response: 'a ### b', stepScores: [3], truncated: false })).toThrow(InputError);
});

test('tokens take the reward of the step holding their first character', () => {
  const { steps } = exprlProcessReward({ response: 'ab###cd', stepScores: [3, 5], truncated: false });
  const offsets: [number, number][] = [[0, 2], [2, 5], [5, 6], [6, 7]];
  expect(stepRewardsPerToken(steps, offsets)).toEqual([0.5, 0.5, 0.5, 0.5]);
  const { steps: rising } = exprlProcessReward({ response: 'ab###cd', stepScores: [2, 5], truncated: false });
  expect(stepRewardsPerToken(rising, offsets)).toEqual([0.25, 0.25, 0.75, 0.75]);
});
