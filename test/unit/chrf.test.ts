import vectorFile from '../fixtures/chrf/vectors.json';
import { chrfRewardBatch, corpusChrf, ChrfOptions, pythonSplit, sentenceChrf } from '../../rewards/chrf';
import { InputError } from '../../core/errors';

interface Vector {
  name: string;
  level: 'sentence' | 'corpus';
  options: { char_order: number; word_order: number; beta: number; eps_smoothing: boolean; lowercase: boolean; whitespace: boolean };
  hyps: string[];
  refs: (string | null)[][];
  score: number;
}

const vectors = vectorFile.vectors as Vector[];

function toOptions(v: Vector): ChrfOptions {
  const o = v.options;
  return {
    charOrder: o.char_order,
    wordOrder: o.word_order,
    beta: o.beta,
    epsSmoothing: o.eps_smoothing,
    lowercase: o.lowercase,
    whitespace: o.whitespace,
  };
}

function ours(v: Vector): number {
  const refs = v.refs.map((segmentRefs) => segmentRefs.filter((r): r is string => r !== null));
  return v.level === 'sentence'
    ? sentenceChrf(v.hyps[0], refs[0], toOptions(v)).score
    : corpusChrf(v.hyps, refs, toOptions(v)).score;
}

describe('chrF against sacrebleu', () => {
  test(`every vector made by sacrebleu ${vectorFile.sacrebleu} agrees within 1e-4`, () => {
    expect(vectors.length).toBeGreaterThan(1000);
    const disagreements = vectors
      .map((v) => ({ name: v.name, level: v.level, options: v.options, expected: v.score, got: ours(v) }))
      .filter((r) => !(Math.abs(r.got - r.expected) < 1e-4));
    expect(disagreements).toEqual([]);
  });

  // The literal expectations of sacrebleu's own test/test_chrf.py, independent of the generated file.
  test.each([
    [['abcdefg'], ['hijklmnop'], 0.0],
    [['aa'], ['ab'], 8.3333],
    [['a', 'b'], ['a', 'c'], 8.3333],
    [['a'], ['a'], 16.6667],
    [['a b c'], ['abc'], 50.0],
    [[' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '],
      ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'], 64.1302698],
  ])('sacrebleu test_chrf eps smoothing %j vs %j -> %d', (hyps, refs, expected) => {
    const score = corpusChrf(hyps, refs.map((r) => [r]), { beta: 3, epsSmoothing: true }).score;
    expect(Math.abs(score - expected)).toBeLessThan(1e-4);
  });

  test.each([
    [['a'], ['a'], 100.0],
    [[''], ['c'], 0.0],
    [['a', 'b'], ['a', 'c'], 50.0],
    [['aa'], ['ab'], 25.0],
  ])('sacrebleu test_chrf effective order %j vs %j -> %d', (hyps, refs, expected) => {
    const score = corpusChrf(hyps, refs.map((r) => [r]), { beta: 3 }).score;
    expect(Math.abs(score - expected)).toBeLessThan(1e-4);
  });

  test('sacrebleu test_chrf keep whitespace and sentence level', () => {
    const keep = corpusChrf(
      ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.'],
      [['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.']],
      { beta: 3, whitespace: true },
    ).score;
    expect(Math.abs(keep - 67.3481606)).toBeLessThan(1e-4);
    const sentence = sentenceChrf(
      'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.',
      ['Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.'],
      { epsSmoothing: true },
    ).score;
    expect(Math.abs(sentence - 39.14078509)).toBeLessThan(1e-4);
  });
});

describe('chrF details', () => {
  test('names follow sacrebleu', () => {
    expect(sentenceChrf('a', ['a']).name).toBe('chrF2');
    expect(sentenceChrf('a', ['a'], { wordOrder: 2 }).name).toBe('chrF2++');
  });

  test("whitespace is Python's, not JavaScript's: U+FEFF is a character, U+001C a separator", () => {
    expect(pythonSplit('a\ufeffb\x1cc\u3000d')).toEqual(['a\ufeffb', 'c', 'd']);
  });

  test('the reward is chrF / 100 with the score recorded as a component', () => {
    const [exact, miss] = chrfRewardBatch(['the cat', 'xyz'], [['the cat'], ['abc']]);
    expect(exact.score).toBe(1);
    expect(exact.components.chrf).toBe(100);
    expect(miss.score).toBe(0);
  });

  test('bad input is an InputError', () => {
    expect(() => sentenceChrf('a', [])).toThrow(InputError);
    expect(() => corpusChrf(['a', 'b'], [['a']])).toThrow(InputError);
    expect(() => sentenceChrf('a', ['a'], { beta: 0 })).toThrow(InputError);
    expect(() => sentenceChrf('a', ['a'], { charOrder: 0, wordOrder: 0 })).toThrow(InputError);
  });
});
