/**
 * chrF and chrF++ speed against sacrebleu on the same pairs: reference solutions of the math generator in all twelve
 * languages, and hypotheses made from them by seeded word drops, swaps and substitutions. Both sides are timed
 * in-process (no interpreter start-up); the scores are compared too.
 * Run from the repository root: DRL_SACREBLEU_PYTHON=/tmp/sbvenv/bin/python node <build>/bench/chrf.bench.js [pairs] [rounds]
 */
import { Rng } from '../core/rng';
import { generateMathProblems, MATH_LANGUAGES, mathProblemCount } from '../datasets/math';
import { corpusChrf, sentenceChrf } from '../rewards/chrf';
import { runRewardPeer } from './chrfPeer';

const pairs = Number(process.argv[2] ?? 2400);
const rounds = Number(process.argv[3] ?? 3);

/** A translation-like hypothesis: each word may be dropped, swapped with the next one or replaced by a stranger. */
function perturb(text: string, pool: readonly string[], rng: Rng): string {
  const words = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const roll = rng.next();
    if (roll < 0.1) continue;
    if (roll < 0.2 && i + 1 < words.length) {
      out.push(words[i + 1], words[i]);
      i++;
    } else if (roll < 0.3) out.push(rng.pick(pool));
    else out.push(words[i]);
  }
  return out.join(' ');
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const config = { languages: [...MATH_LANGUAGES], problemsPerLanguage: Math.ceil(pairs / MATH_LANGUAGES.length), maxSteps: 4, seed: 'chrf-bench', evalPerLanguage: 0 };
const problems = generateMathProblems(config, 0, mathProblemCount(config)).slice(0, pairs);
const refs = problems.map((p) => p.steps.join(' '));
const pool = refs.flatMap((r) => r.split(' '));
const hyps = refs.map((r, i) => perturb(r, pool, Rng.derive('chrf-bench', i)));

interface PeerResult {
  version: string;
  sentenceSeconds: number[];
  corpusSeconds: number[];
  sentenceScores: number[];
  corpusScore: number;
}

console.log(`${pairs} pairs (${MATH_LANGUAGES.length} languages, ${refs.reduce((a, r) => a + r.length, 0)} reference characters), median of ${rounds} rounds`);
console.log('| metric | level | ours (pairs/s) | sacrebleu (pairs/s) | time ours / sacrebleu | max abs score diff |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const wordOrder of [0, 2]) {
  const name = wordOrder === 0 ? 'chrF' : 'chrF++';
  const sentenceSeconds: number[] = [];
  const corpusSeconds: number[] = [];
  let scores: number[] = [];
  let corpusScore = 0;
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    scores = hyps.map((h, i) => sentenceChrf(h, [refs[i]], { wordOrder }).score);
    sentenceSeconds.push((performance.now() - start) / 1000);
    start = performance.now();
    corpusScore = corpusChrf(hyps, refs.map((r) => [r]), { wordOrder }).score;
    corpusSeconds.push((performance.now() - start) / 1000);
  }
  const peer = runRewardPeer<PeerResult>('chrf_sacrebleu.py', { hyps, refs, wordOrder, rounds });
  const sentenceDiff = Math.max(...scores.map((s, i) => Math.abs(s - peer.sentenceScores[i])));
  const rows: Array<[string, number, number, number]> = [
    ['sentence', median(sentenceSeconds), median(peer.sentenceSeconds), sentenceDiff],
    ['corpus', median(corpusSeconds), median(peer.corpusSeconds), Math.abs(corpusScore - peer.corpusScore)],
  ];
  for (const [level, ours, theirs, diff] of rows) {
    console.log(`| ${name} | ${level} | ${(pairs / ours).toFixed(0)} | ${(pairs / theirs).toFixed(0)} | **${(ours / theirs).toFixed(2)}** | ${diff.toExponential(1)} |`);
  }
  if (wordOrder === 2) console.log(`sacrebleu ${peer.version}`);
}
