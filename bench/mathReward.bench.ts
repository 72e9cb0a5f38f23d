/**
 * The math reward against math-verify on the same responses, agreement and speed, then the rule rewards per second.
 * Responses come from the math generator's reference solutions in all twelve languages: a correct one per problem
 * (the final answer as the last number, in \boxed{} or after the language's "the answer is", written as the
 * language writes numbers) and a wrong one (the same with a perturbed final answer), so each has a known label.
 * Run from the repository root: DRL_SACREBLEU_PYTHON=/tmp/sbvenv/bin/python node <build>/bench/mathReward.bench.js [perLanguage] [rounds]
 */
import { Rng } from '../core/rng';
import { formatLocaleNumber, generateMathProblems, MATH_LANGUAGES, mathProblemCount, type MathProblem } from '../datasets/math';
import { sentenceChrf } from '../rewards/chrf';
import { identifyLanguage } from '../rewards/languageId';
import { languageConsistencyReward } from '../rewards/languageConsistency';
import { mathAnswerReward } from '../rewards/mathAnswer';
import { runRewardPeer } from './chrfPeer';

const perLanguage = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 3);

const ANSWER_LINE: Record<string, string> = {
  en: 'The answer is', es: 'La respuesta es', fr: 'La réponse est', de: 'Die Antwort lautet', ru: 'Ответ:',
  zh: '答案是', ja: '答えは', th: 'คำตอบคือ', sw: 'Jibu ni', bn: 'উত্তর হল', te: 'సమాధానం', eu: 'Erantzuna:',
};
const STYLES = ['last-number', 'boxed', 'phrase'] as const;

/** A wrong final answer near the right one: off by one, ten times larger, or with its digits shifted. */
function wrongAnswer(answer: string, rng: Rng): string {
  const value = Number(answer);
  const wrong = [value + 1, value * 10, value + 0.5, value - 2][rng.int(4)];
  return String(Math.round(wrong * 100) / 100);
}

interface Sample {
  language: string;
  response: string;
  gold: string;
  correct: boolean;
  style: (typeof STYLES)[number];
}

function samplesOf(p: MathProblem, k: number): Sample[] {
  const rng = Rng.derive('math-reward-bench', p.id);
  const style = STYLES[k % STYLES.length];
  const respond = (answer: string, correct: boolean): Sample => {
    const text = formatLocaleNumber(answer, p.language);
    // The solution's last step states the answer; a wrong response restates it wrongly at the end.
    const body = correct ? p.steps.join('\n') : `${p.steps.slice(0, -1).join('\n')}\n${p.steps[p.steps.length - 1].split(p.answer_text).join(text)}`;
    const ending = style === 'boxed' ? `\n\\boxed{${text}}` : style === 'phrase' ? `\n${ANSWER_LINE[p.language]} ${text}.` : '';
    return { language: p.language, response: body + ending, gold: p.answer, correct, style };
  };
  return [respond(p.answer, true), respond(wrongAnswer(p.answer, rng), false)];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed(run: () => void): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    run();
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}

const config = { languages: [...MATH_LANGUAGES], problemsPerLanguage: perLanguage, maxSteps: 4, seed: 'math-reward-bench', evalPerLanguage: 0 };
const problems = generateMathProblems(config, 0, mathProblemCount(config));
const samples = problems.flatMap((p, k) => samplesOf(p, Math.floor(k / MATH_LANGUAGES.length)));

let ours: boolean[] = [];
const oursSeconds = timed(() => {
  ours = samples.map((s) => mathAnswerReward(s.response, s.gold, { language: s.language }).score === 1);
});
const peer = runRewardPeer<{ version: string; seconds: number[]; verdicts: boolean[] }>('mathReward_mathverify.py', {
  golds: samples.map((s) => s.gold),
  responses: samples.map((s) => s.response),
  rounds,
});
const theirs = peer.verdicts;
const theirSeconds = median(peer.seconds);

const share = (pick: (s: Sample, i: number) => boolean, of: (s: Sample) => boolean = () => true) => {
  const chosen = samples.map((s, i) => [s, i] as const).filter(([s]) => of(s));
  return `${((100 * chosen.filter(([s, i]) => pick(s, i)).length) / chosen.length).toFixed(1)}%`;
};

console.log(`${samples.length} responses (${perLanguage} problems x 12 languages, one right and one wrong each), math-verify ${peer.version}, median of ${rounds} rounds`);
console.log('| language | ours right | math-verify right | ours = math-verify |');
console.log('| --- | --- | --- | --- |');
for (const language of [...MATH_LANGUAGES, 'all']) {
  const of = (s: Sample) => language === 'all' || s.language === language;
  console.log(`| ${language} | ${share((s, i) => ours[i] === s.correct, of)} | ${share((s, i) => theirs[i] === s.correct, of)} | ${share((_s, i) => ours[i] === theirs[i], of)} |`);
}
console.log('| style | ours right | math-verify right | |');
for (const style of STYLES) {
  const of = (s: Sample) => s.style === style;
  console.log(`| ${style} | ${share((s, i) => ours[i] === s.correct, of)} | ${share((s, i) => theirs[i] === s.correct, of)} | |`);
}
console.log(
  `speed: ours ${(samples.length / oursSeconds).toFixed(0)} responses/s, math-verify ${(samples.length / theirSeconds).toFixed(0)} responses/s, ` +
    `time ours / math-verify ${(oursSeconds / theirSeconds).toFixed(3)}`,
);

// Rule rewards per second on the same responses, each a whole pass over them.
const texts = samples.map((s) => s.response);
const rules: Array<[string, () => void]> = [
  ['mathAnswerReward', () => samples.forEach((s) => mathAnswerReward(s.response, s.gold, { language: s.language }))],
  ['languageConsistencyReward', () => samples.forEach((s) => languageConsistencyReward(s.response, s.language))],
  ['identifyLanguage (whole response)', () => texts.forEach((t) => identifyLanguage(t))],
  ['sentenceChrf (response vs its solution)', () => samples.forEach((s, i) => sentenceChrf(s.response, [texts[i ^ 1]]))],
];
console.log('| rule reward | responses/s |');
console.log('| --- | --- |');
for (const [name, run] of rules) console.log(`| ${name} | ${(samples.length / timed(run)).toFixed(0)} |`);
