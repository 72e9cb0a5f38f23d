import '../helpers/shareTypedArraysWithOrt';
import { rmSync } from 'node:fs';
import { Rng } from '../../core/rng';
import { Engine } from '../../engine/runtime';
import { HttpJudgeBackend } from '../../rewards/judge/httpJudgeBackend';
import { parseVerdict } from '../../rewards/judge/parseVerdict';
import { renderChat } from '../../serve/chatTemplate';
import { loadServedModel } from '../../serve/servedModel';
import { RunningServer, startServer } from '../../serve/server';
import { saveSftCheckpoint } from '../helpers/sftCheckpoint';
import { tempStore } from '../helpers/temporalTestKit';

/*
 * Issue 5's judge check: a tiny byte-level judge, SFT-trained in setup on synthetic grading examples, gives parseable
 * "Feedback: ... [RESULT] n" verdicts at least 90% of the time when asked through `drl serve` by the HTTP judge
 * backend (chat API: a system and a user message, rendered by the server's chat template) and read by the judge's
 * parser. The graded responses to "a+b" give the sum (5) or no answer (1). The Prometheus prompt, even for a one-line
 * question, is ~1,600 bytes, more than the tiny model's context of 1,024 byte tokens, so the prompts here are short ones.
 */
const SYSTEM = 'Grade 1-5.';
const PARSEABLE_SHARE = 0.9;
const GRADES = [
  { grade: 5, feedback: 'The answer matches the reference.', answer: (sum: number) => `${sum}` },
  { grade: 1, feedback: 'The response gives no answer.', answer: () => 'I do not know.' },
];

interface Item {
  question: string;
  grade: number;
}

function gradingItems(pairs: ReadonlyArray<[number, number]>, seed: string): Array<Item & { completion: string }> {
  const rng = new Rng(seed);
  return pairs.map(([a, b]) => {
    const g = GRADES[rng.int(GRADES.length)];
    return { question: `Q: ${a}+${b}\nA: ${g.answer(a + b)}\nRef: ${a + b}`, grade: g.grade, completion: `Feedback: ${g.feedback} [RESULT] ${g.grade}` };
  });
}

// Sums of two digits; every fourth pair is held out for grading, so the judge grades questions it has not seen.
const pairs = Array.from({ length: 100 }, (_, i): [number, number] => [Math.floor(i / 10), i % 10]);
const trainItems = gradingItems(pairs.filter((_, i) => i % 4 !== 0), 'judge-train');
const evalItems = gradingItems(pairs.filter((_, i) => i % 4 === 0), 'judge-eval');

const { dir, store } = tempStore('judge-serve');
const engine = new Engine({ threads: 1 });
let server: RunningServer;
let backend: HttpJudgeBackend;

beforeAll(async () => {
  const data = trainItems.map((item) => ({ prompt: renderChat([{ role: 'system', content: SYSTEM }, { role: 'user', content: item.question }]), completion: item.completion }));
  const { id } = await saveSftCheckpoint(store, { data, steps: 60, batch: 16, lr: 3e-3, seed: 5 });
  server = await startServer(await loadServedModel(id, engine, store), { host: '127.0.0.1', port: 0 });
  backend = new HttpJudgeBackend({ endpoint: server.url, model: id, timeoutMs: 30_000, maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

test.each([
  ['greedy, as a first attempt asks', 0],
  ['at the temperature of a re-ask', 0.7],
])(`a tiny SFT judge gives parseable verdicts through drl serve and the HTTP backend (%s)`, async (_label, temperature) => {
  const outputs = await Promise.all(evalItems.map((item, i) => backend.complete(item.question, { system: SYSTEM, temperature, maxTokens: 96, seed: i })));
  const verdicts = outputs.map(parseVerdict);
  const parsed = verdicts.filter((v) => v.ok).length;
  expect(parsed / outputs.length).toBeGreaterThanOrEqual(PARSEABLE_SHARE);
  // The judge learnt the task too, not only the format: held-out grades are the labelled ones.
  const agreeing = verdicts.filter((v, i) => v.ok && v.score === evalItems[i].grade).length;
  expect(agreeing / outputs.length).toBeGreaterThanOrEqual(0.8);
});
