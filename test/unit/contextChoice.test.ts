import { chosenLabel, contextChoiceReward, contextChoiceRewardBatch } from '../../rewards/contextChoice';
import { InputError } from '../../core/errors';

test.each([
  ['A', 'A'],
  ['(B)', 'B'],
  ['B.', 'B'],
  ['**A**', 'A'],
  ['B) because the date matches', 'B'],
  ['The answer is B.', 'B'],
  ['Context A mentions 1900, but context B says 1901, so the answer is context B.', 'B'],
  ['A careful reading shows that B supports it.', 'B'],
  ['Answer: (A)', 'A'],
  ['The answer is A because the date matches.', 'A'],
  ['The answer is a hard one: B.', 'B'],
  ['Both A and B look similar.', null],
  ['I cannot tell.', null],
])('%j chooses %s', (response, label) => {
  expect(chosenLabel(response)).toBe(label);
});

test('reward is 1 only for the supporting label', () => {
  expect(contextChoiceReward('B', 'B')).toEqual({ score: 1, components: { correct: 1, parsed: 1 }, reason: 'chose B, supporting context is B' });
  expect(contextChoiceReward('A', 'B').score).toBe(0);
  expect(contextChoiceReward('no idea', 'A')).toMatchObject({ score: 0, components: { correct: 0, parsed: 0 } });
  expect(contextChoiceRewardBatch([{ response: 'A', correctLabel: 'A' }]).map((r) => r.score)).toEqual([1]);
  expect(() => contextChoiceReward('A', 'C' as 'A')).toThrow(InputError);
});
