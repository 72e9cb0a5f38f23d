import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerJudge } from '../../cli/commands/judge';
import { InputError } from '../../core/errors';
import { exprlOutcomeRewardViaJudge, exprlProcessRewardViaJudge } from '../../rewards/judge/exprlJudge';
import { HttpJudgeBackend } from '../../rewards/judge/httpJudgeBackend';
import { CompletionOptions, JudgeBackend, judgeScore, judgeScoreBatch } from '../../rewards/judge/judgeScore';
import { metaEvaluate, readMetaEvalJsonl } from '../../rewards/judge/metaEval';
import { averageRanks, pearson, spearman } from '../../rewards/pearson';
import { chatReply, startFakeJudgeServer } from './fakeJudgeServer';

/** A judge whose outputs the test scripts, recording what it was asked. */
function scriptedJudge(answer: (prompt: string, call: number) => string) {
  const calls: Array<{ prompt: string; options: CompletionOptions }> = [];
  const backend: JudgeBackend = {
    complete: async (prompt, options) => {
      calls.push({ prompt, options });
      return answer(prompt, calls.length - 1);
    },
  };
  return { backend, calls };
}

const INPUT = { instruction: 'What is 2 + 3?', response: '2 + 3 = 5', reference: '5' };

describe('judgeScore', () => {
  it('returns (s - 1) / 4 with the judge\'s score, feedback and attempts', async () => {
    const { backend, calls } = scriptedJudge(() => 'Feedback: right. [RESULT] 4');
    const result = await judgeScore(backend, INPUT, { seed: 's' });
    expect(result).toEqual({
      score: 0.75,
      components: { judge: 4, attempts: 1, parsed: 1 },
      reason: 'judge 4/5',
      verdict: 4,
      feedback: 'right.',
      attempts: 1,
      failures: [],
    });
    expect(calls[0].prompt).toContain('###Response to evaluate:\n2 + 3 = 5');
    expect(calls[0].options).toMatchObject({ temperature: 0, maxTokens: 512 });
    expect(calls[0].options.system).toMatch(/fair judge/);
  });

  it('re-asks on a parse failure with new seeds derived from its own, at the retry temperature', async () => {
    const { backend, calls } = scriptedJudge((_p, call) => (call < 2 ? 'I think it is good.' : '[RESULTADO] 5'));
    const result = await judgeScore(backend, INPUT, { seed: 'sample-3', instructionsLanguage: 'es' });
    expect(result).toMatchObject({ verdict: 5, score: 1, attempts: 3, failures: ['no-result-tag', 'no-result-tag'] });
    expect(result.reason).toBe('judge 5/5 after 2 re-asks');
    expect(calls.map((c) => c.options.temperature)).toEqual([0, 0.7, 0.7]);
    const seeds = calls.map((c) => c.options.seed);
    expect(new Set(seeds).size).toBe(3);
    const again = scriptedJudge((_p, call) => (call < 2 ? 'no' : '[RESULT] 5'));
    await judgeScore(again.backend, INPUT, { seed: 'sample-3' });
    expect(again.calls.map((c) => c.options.seed)).toEqual(seeds);
    expect(calls[0].prompt).toContain('###Respuesta que evaluar:');
  });

  it('gives up after maxAttempts with a null verdict, score 0 and the reasons', async () => {
    const { backend, calls } = scriptedJudge(() => 'Feedback: meh [RESULT] 9');
    const result = await judgeScore(backend, INPUT, { seed: 1, maxAttempts: 2 });
    expect(calls).toHaveLength(2);
    expect(result).toMatchObject({ verdict: null, score: 0, components: { attempts: 2, parsed: 0 }, failures: ['out-of-range', 'out-of-range'] });
    expect(result.reason).toMatch(/^no parsable verdict in 2 attempts: score 9 after \[RESULT\]/);
    await expect(judgeScore(backend, INPUT, { seed: 1, maxAttempts: 0 })).rejects.toThrow(InputError);
  });

  it('grades a batch concurrently and keeps the order', async () => {
    const { backend } = scriptedJudge((prompt) => `[RESULT] ${/Response to evaluate:\n(\d)/.exec(prompt)![1]}`);
    const inputs = [1, 2, 3, 4, 5, 3].map((s) => ({ ...INPUT, response: String(s) }));
    const results = await judgeScoreBatch(backend, inputs, { seed: 0, concurrency: 3 });
    expect(results.map((r) => r.verdict)).toEqual([1, 2, 3, 4, 5, 3]);
  });
});

describe('ExpRL through the judge', () => {
  it('outcome: r = (s - 1) / 4, masked when the judge never answers in format', async () => {
    const good = await exprlOutcomeRewardViaJudge(scriptedJudge(() => '[RESULT] 3').backend, INPUT, { seed: 0 });
    expect(good).toMatchObject({ score: 0.5, masked: false, components: { judge: 3, masked: 0, attempts: 1 } });
    const bad = await exprlOutcomeRewardViaJudge(scriptedJudge(() => 'nothing').backend, INPUT, { seed: 0, maxAttempts: 2 });
    expect(bad).toMatchObject({ score: 0, masked: true, components: { masked: 1, attempts: 2 } });
  });

  const PROCESS = {
    instruction: 'Apples cost 12 each; she buys 4 and pays with 200. Change?',
    response: 'Apples: 4 × 12 = 48 ### Change: 200 - 48 = 152 ### The answer is 152',
    reference: '4 × 12 = 48; 200 - 48 = 152',
    checkpoints: ['apples cost 48', 'change 152'],
    truncated: false,
  };

  it('process: each step is graded on the response so far against the checkpoint rubric; rewards telescope', async () => {
    const scoreOfSteps = [2, 4, 5];
    const { backend, calls } = scriptedJudge((prompt) => {
      const shown = /###Response to evaluate:\n([\s\S]*?)\n\n###Reference/.exec(prompt)![1];
      return `Feedback: ok [RESULT] ${scoreOfSteps[shown.split('###').length - 1]}`;
    });
    const result = await exprlProcessRewardViaJudge(backend, PROCESS, { seed: 'p' });
    expect(calls).toHaveLength(3);
    expect(calls[0].prompt).toContain('(1) apples cost 48; (2) change 152');
    expect(result.steps.map((s) => s.reward)).toEqual([0.25, 0.5, 0.25]);
    expect(result.score).toBe(1);
  });

  it('process: an unparsable step masks the trajectory; a truncated response is not graded at all', async () => {
    const { backend, calls } = scriptedJudge((_p, call) => (call === 0 ? '[RESULT] 3' : 'no verdict'));
    const masked = await exprlProcessRewardViaJudge(backend, PROCESS, { seed: 'p', maxAttempts: 2 });
    expect(masked).toMatchObject({ masked: true, score: 0 });
    expect(masked.reason).toBe('unparsable judge score for step 2: trajectory masked');
    expect(calls).toHaveLength(3);
    const idle = scriptedJudge(() => '[RESULT] 5');
    const truncated = await exprlProcessRewardViaJudge(idle.backend, { ...PROCESS, truncated: true }, { seed: 'p' });
    expect(truncated).toMatchObject({ score: 0, masked: false, components: { truncated: 1 } });
    expect(idle.calls).toHaveLength(0);
  });
});

describe('correlations', () => {
  it('pearson and spearman (average ranks for ties) match hand-computed values', () => {
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7745966692414834, 12);
    expect(averageRanks([2, 4, 5, 4, 5])).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7378647873726218, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it('are undefined (null) below two pairs or without variance, and refuse unequal lengths', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow(InputError);
  });
});

describe('meta-evaluation and drl judge meta-eval against a local endpoint', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'judge-meta-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const EXAMPLES = [
    { instruction: 'q1', response: 'grade:5', reference: 'r', human_score: 5 },
    { instruction: 'q2', response: 'grade:4', reference: 'r', human_score: 5, language: 'de' },
    { instruction: 'q3', response: 'grade:2', reference: 'r', human_score: 1, language: 'ja' },
    { instruction: 'q4', response: 'grade:1', reference: 'r', human_score: 2 },
    { instruction: 'q5', response: 'grade:none', reference: 'r', human_score: 3, language: 'sw' },
  ];

  /** The fake judge grades what the response asks for, with the tag of the prompt's language. */
  async function fakeJudge() {
    return startFakeJudgeServer((request) => {
      const user = (request.body.messages as Array<{ content: string }>)[1].content;
      const grade = /grade:(\w+)/.exec(user)![1];
      const tag = /\[(RESULT|ERGEBNIS|結果)\]/.exec(user)![1];
      return { body: chatReply(grade === 'none' ? 'I would rather not say.' : `Feedback: fine [${tag}] ${grade}`) };
    });
  }

  it('grades every example through the HTTP backend and correlates the parsed ones', async () => {
    const server = await fakeJudge();
    try {
      const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm' });
      const report = await metaEvaluate(backend, EXAMPLES, { seed: 0, maxAttempts: 2 });
      expect(report).toEqual({
        count: 5,
        graded: 4,
        parseFailures: 1,
        parseFailureRate: 0.2,
        pearson: pearson([5, 4, 2, 1], [5, 5, 1, 2]),
        spearman: spearman([5, 4, 2, 1], [5, 5, 1, 2]),
        attempts: 6,
      });
      // de and ja examples were asked in their languages; sw has no translation, so English.
      const asked = server.requests.map((r) => (r.body.messages as Array<{ content: string }>)[1].content);
      expect(asked.filter((u) => u.includes('[ERGEBNIS]'))).toHaveLength(1);
      expect(asked.filter((u) => u.includes('[結果]'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('drl judge meta-eval --json prints the report', async () => {
    const server = await fakeJudge();
    const data = join(dir, 'human.jsonl');
    writeFileSync(data, `${EXAMPLES.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    try {
      const program = new Command('drl').exitOverride();
      registerJudge(program);
      await program.parseAsync(['judge', 'meta-eval', '--data', data, '--endpoint', server.url, '--english-instructions', '--attempts', '1', '--json'], { from: 'user' });
    } finally {
      write.mockRestore();
      await server.close();
    }
    const report = JSON.parse(printed.join(''));
    expect(report).toMatchObject({ count: 5, graded: 4, parseFailures: 1, parseFailureRate: 0.2, attempts: 5 });
    expect(report.pearson).toBeCloseTo(pearson([5, 4, 2, 1], [5, 5, 1, 2])!, 12);
    expect(server.requests.every((r) => String((r.body.messages as Array<{ content: string }>)[1].content).includes('[RESULT]'))).toBe(true);
  });

  it('names the file, line and field of bad data', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify(EXAMPLES[0])}\n\n{"instruction":"q","response":"r","reference":"x","human_score":"5"}\n`);
    expect(() => readMetaEvalJsonl(file)).toThrow(InputError);
    expect(() => readMetaEvalJsonl(file)).toThrow(`${file}:3: field "human_score" must be a number, got "5"`);
    writeFileSync(file, '{"instruction":"q","response":"r"}\n');
    expect(() => readMetaEvalJsonl(file)).toThrow(`${file}:1: field "reference" must be a string`);
    writeFileSync(file, 'not json\n');
    expect(() => readMetaEvalJsonl(file)).toThrow(new RegExp(`^${file}:1: not JSON`));
    writeFileSync(file, '\n');
    expect(() => readMetaEvalJsonl(file)).toThrow(`${file}: no examples`);
    expect(() => readMetaEvalJsonl(join(dir, 'missing.jsonl'))).toThrow(/cannot read/);
  });
});
