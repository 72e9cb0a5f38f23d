import { hintSizeOf, renderPrompt, type TrainingProblem } from '../../training/trainingProblems';

const problem: TrainingProblem = {
  id: 'math-2-sw',
  language: 'sw',
  question: 'Baraka ananunua madaftari 3 kwa shilingi 8 kila moja. Analipa shilingi 50. Atarudishiwa chenji kiasi gani?',
  answer: '26',
  steps: ['Madaftari yanagharimu 3 × shilingi 8 = shilingi 24.', 'Chenji ni shilingi 50 - shilingi 24 = shilingi 26.'],
  split: 'train',
};

describe('LANG hints', () => {
  it('reveal whole reference steps, rounded down', () => {
    expect([0, 0.49, 0.5, 0.99, 1].map((h) => hintSizeOf(problem, h))).toEqual([0, 0, 1, 1, 2]);
    expect(renderPrompt(problem, 1)).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu 3 × shilingi 8 = shilingi 24.\nA:`);
    expect(renderPrompt(problem, 0)).toBe(`Q: ${problem.question}\nA:`);
  });

  it('reveal whole words when the unit is word, so a two-step hint fades in nineteen sizes, not two', () => {
    // 19 words: 9 in the first step, 10 in the second.
    const sizes = Array.from({ length: 19 }, (_, i) => hintSizeOf(problem, (i + 0.1) / 19, 'word'));
    expect(sizes).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(hintSizeOf(problem, 1, 'word')).toBe(19);
    expect(renderPrompt(problem, 2, 'word')).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu\nA:`);
    expect(renderPrompt(problem, 11, 'word')).toBe(`Q: ${problem.question}\nH: Madaftari yanagharimu 3 × shilingi 8 = shilingi 24. Chenji ni\nA:`);
    // All the words are all the steps.
    expect(renderPrompt(problem, 19, 'word')).toBe(renderPrompt(problem, 2, 'step'));
  });
});
