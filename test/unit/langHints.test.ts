import { hintOfSize, hintSizeOf } from '../../recipes/langHints';
import { mathTask } from '../../training/tasks/mathTask';

const record = {
  id: 'math-2-sw',
  language: 'sw',
  question: 'Baraka ananunua madaftari 3 kwa shilingi 8 kila moja. Analipa shilingi 50. Atarudishiwa chenji kiasi gani?',
  answer: '26',
  steps: ['Madaftari yanagharimu 3 × shilingi 8 = shilingi 24.', 'Chenji ni shilingi 50 - shilingi 24 = shilingi 26.'],
};
const problem = mathTask.episode(record, 'test');
const promptWith = (size: number, unit: 'step' | 'word' = 'step') => mathTask.prompt(problem, hintOfSize(problem, size, unit));

describe('LANG hints on a math episode', () => {
  it('reveal whole reference steps, rounded down', () => {
    expect([0, 0.49, 0.5, 0.99, 1].map((h) => hintSizeOf(problem, h, 'step'))).toEqual([0, 0, 1, 1, 2]);
    expect(promptWith(1)).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu 3 × shilingi 8 = shilingi 24.\nA:`);
    expect(promptWith(0)).toBe(`Q: ${problem.question}\nA:`);
  });

  it('reveal whole words when the unit is word, so a two-step hint fades in nineteen sizes, not two', () => {
    // 19 words: 9 in the first step, 10 in the second.
    const sizes = Array.from({ length: 19 }, (_, i) => hintSizeOf(problem, (i + 0.1) / 19, 'word'));
    expect(sizes).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(hintSizeOf(problem, 1, 'word')).toBe(19);
    expect(promptWith(2, 'word')).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu\nA:`);
    expect(promptWith(11, 'word')).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu 3 × shilingi 8 = shilingi 24. Chenji ni\nA:`);
    // All the words are all the steps.
    expect(promptWith(19, 'word')).toBe(promptWith(2, 'step'));
  });
});
