import { warmupExamples } from '../../activities/training/sftWarmup';
import { ByteTokenizer } from '../../engine/tokenizer';
import { mathTask } from '../../training/tasks/mathTask';

const problem = (i: number, steps: string[]) => mathTask.episode({ id: `p${i}`, language: 'es', question: `pregunta ${i}`, answer: String(i), steps }, 'test');

describe('SFT warm-up examples', () => {
  const tokenizer = new ByteTokenizer();
  const bytes = { tokenizer };
  const input = { sft: { steps: 1, lr: 1e-3, batch: 1 }, seed: 3, maxPromptTokens: 64, maxTokens: 24, threads: 1 };

  it('teach each problem its reference solution after the hint-free prompt, ended by eos', () => {
    const [example] = warmupExamples(mathTask, [problem(1, ['paso 1', 'total 1'])], bytes, input);
    expect(tokenizer.decode(example.prompt)).toBe('Q: pregunta 1\nA:');
    expect(tokenizer.decode(example.completion)).toBe(' paso 1 total 1');
    expect(example.completion[example.completion.length - 1]).toBe(tokenizer.eos);
  });

  it('skip problems whose solution does not fit, and say so when none does', () => {
    const long = problem(2, ['x'.repeat(40)]);
    expect(warmupExamples(mathTask, [problem(1, ['ok']), long], bytes, input)).toHaveLength(1);
    expect(() => warmupExamples(mathTask, [long], bytes, input)).toThrow(/no training record has a demonstration that fits/);
  });
});
