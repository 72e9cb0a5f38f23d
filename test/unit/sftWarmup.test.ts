import { warmupExamples } from '../../activities/training/sftWarmup';
import { ByteTokenizer } from '../../engine/tokenizer';
import type { TrainingProblem } from '../../training/trainingProblems';

const problem = (i: number, language: string): TrainingProblem => ({
  id: `p${i}-${language}`,
  language,
  question: `question ${i}`,
  answer: String(i),
  steps: [`paso ${i}`, `total ${i}`],
  englishSteps: [`step ${i}`, `answer ${i}`],
  split: 'train',
});

describe('SFT warm-up examples', () => {
  const tokenizer = new ByteTokenizer();
  const input = (englishShare: number) => ({ sft: { steps: 1, lr: 1e-3, batch: 1, englishShare }, seed: 3, maxPromptTokens: 64, maxTokens: 64, threads: 1 });
  const problems = Array.from({ length: 400 }, (_, i) => problem(i, i % 4 === 0 ? 'en' : 'es'));
  const englishTargets = (share: number) => warmupExamples(problems, input(share)).filter((e) => tokenizer.decode(e.completion).startsWith(' step'));

  it('teaches the English solution for the configured share of non-English problems, never for English ones', () => {
    expect(englishTargets(0)).toHaveLength(0);
    expect(englishTargets(1)).toHaveLength(300);
    const share = englishTargets(0.4).length / 300;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.47);
    expect(englishTargets(0.4)).toEqual(englishTargets(0.4));
  });

  it('skips problems whose prompt or solution does not fit, and says so when none does', () => {
    expect(() => warmupExamples(problems, { ...input(0), maxTokens: 3 })).toThrow(/no training problem fits/);
  });
});
