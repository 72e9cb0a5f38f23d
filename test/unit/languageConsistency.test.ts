import { InputError } from '../../core/errors';
import { generateMathProblems, MATH_LANGUAGES, mathProblemCount } from '../../datasets/math';
import {
  joinShortPieces,
  languageConsistencyReward,
  languageConsistencyRewardBatch,
  sentencePieces,
} from '../../rewards/languageConsistency';

const CONFIG = { languages: [...MATH_LANGUAGES], problemsPerLanguage: 60, maxSteps: 4, seed: 'consistency', evalPerLanguage: 10 };
const problems = generateMathProblems(CONFIG, 0, mathProblemCount(CONFIG));

describe('languageConsistencyReward', () => {
  it('gives every non-English reference solution (one step per line) full consistency in its language', () => {
    const below = problems
      .filter((p) => p.language !== 'en')
      .map((p) => ({ id: p.id, result: languageConsistencyReward(p.steps.join('\n'), p.language) }))
      .filter((r) => r.result.score !== 1);
    expect(below).toEqual([]);
  });

  it('gives an English solution to a non-English prompt (the drift LANG penalises) almost nothing', () => {
    const scores = problems.filter((p) => p.language !== 'en').map((p) => languageConsistencyReward(p.english.steps.join('\n'), p.language).score);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeLessThan(0.05);
  });

  it('pays the share of letters in the prompt\'s language', () => {
    // 8 Chinese letters, then 30 English letters in a second sentence.
    const result = languageConsistencyReward('苹果一共四十八元。The apples cost forty-eight dollars.', 'zh');
    expect(result.components).toEqual({ consistency: 8 / 38, letters: 38, lettersInLanguage: 8, pieces: 2 });
    expect(result.score).toBe(8 / 38);
    expect(result.reason).toBe('21.1% of 38 letters in zh (zh 8, en 30)');
  });

  it('counts marks as letters, ignores digits, symbols and LaTeX commands, and reads units with their sentence', () => {
    const thai = languageConsistencyReward('รถวิ่งได้ 20 km \\boxed{80}', 'th');
    expect(thai.score).toBe(1);
    expect(thai.components.letters).toBe([...'รถวิ่งได้km'].length);
  });

  it('scores a response without letters 0 and says so', () => {
    expect(languageConsistencyReward('20 × 4 = 80', 'de')).toEqual({
      score: 0,
      components: { consistency: 0, letters: 0, lettersInLanguage: 0, pieces: 0 },
      reason: 'no letters',
    });
  });

  it('counts an undetermined piece as not in the language', () => {
    const result = languageConsistencyReward('Ja.', 'de');
    expect(result.score).toBe(0);
    expect(result.reason).toContain('undetermined 2');
  });

  it('uses the candidates it is given: a French answer to a Spanish prompt is French only when fr is a candidate', () => {
    const french = 'Les pommes coûtent quarante-huit euros au total et les oranges coûtent quatre euros.';
    expect(languageConsistencyReward(french, 'es', { candidates: ['es', 'en', 'fr'] }).reason).toContain('fr ');
    expect(languageConsistencyReward(french, 'es', { candidates: ['es', 'en', 'fr'] }).score).toBe(0);
  });

  it('scores a batch sample by sample', () => {
    const [ja, sw] = languageConsistencyRewardBatch([
      { response: 'りんごの代金は48円です。', language: 'ja' },
      { response: 'Matufaha yanagharimu shilingi arobaini na nane kwa jumla. The oranges cost four shillings in total.', language: 'sw' },
    ]);
    expect(ja.score).toBe(1);
    expect(sw.score).toBe(49 / 83);
  });

  it('rejects an unknown language and a bad minimum', () => {
    expect(() => languageConsistencyReward('text', 'xx')).toThrow(InputError);
    expect(() => languageConsistencyReward('text', 'de', { candidates: ['de', 'pt'] })).toThrow(/unknown language pt/);
    expect(() => languageConsistencyReward('text', 'de', { minSegmentLetters: 0 })).toThrow(/minSegmentLetters/);
  });
});

describe('pieces', () => {
  it('cut at sentence ends and lines, keep decimals and times whole, drop pieces without letters', () => {
    expect(sentencePieces('Es kostet 3.5 Euro. Um 12:30 Uhr!\n20 × 4 = 80\n答案是八十。好的').map((p) => p.text)).toEqual([
      'Es kostet 3.5 Euro.',
      'Um 12:30 Uhr!',
      '答案是八十。',
      '好的',
    ]);
  });

  it('join consecutive same-script pieces while one of them is short, never across scripts', () => {
    const pieces = sentencePieces('Ja. Das Auto fährt zwanzig Kilometer pro Liter Benzin. 好的。Nein.');
    expect(joinShortPieces(pieces, 10).map((p) => [p.text, p.script])).toEqual([
      ['Ja. Das Auto fährt zwanzig Kilometer pro Liter Benzin.', 'Latin'],
      ['好的。', 'CJK'],
      ['Nein.', 'Latin'],
    ]);
  });
});
