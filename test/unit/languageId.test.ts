/**
 * Language identification: the CommonJS port picks what franc itself picks, script decisions are what they say,
 * and per-language accuracy on a labelled sample that franc never saw (the math generator's problems and reference
 * solutions, not the UDHR franc's profiles come from) stays above the floors measured when it was written.
 */
import { execFileSync } from 'child_process';
import { InputError } from '../../core/errors';
import { generateMathProblems, MATH_LANGUAGES, mathProblemCount, type MathProblem } from '../../datasets/math';
import { FRANC_PROFILES } from '../../rewards/francProfiles';
import { rankByTrigrams, type FrancLanguage } from '../../rewards/francTrigrams';
import { countLetters, identifyLanguage, IDENTIFIABLE_LANGUAGES } from '../../rewards/languageId';

const CONFIG = { languages: [...MATH_LANGUAGES], problemsPerLanguage: 100, maxSteps: 4, seed: 'language-id', evalPerLanguage: 20 };
const problems = generateMathProblems(CONFIG, 0, mathProblemCount(CONFIG));

const ISO_639_3: Record<FrancLanguage, string> = { en: 'eng', es: 'spa', fr: 'fra', de: 'deu', sw: 'swh', eu: 'eus', ru: 'rus' };

/** franc-all's own answer, run in a child Node process because franc is ESM-only and jest loads CommonJS. */
function francAllRankings(texts: string[], only: string[]): Array<Array<[string, number]>> {
  const script =
    'import { francAll } from "franc-all"; let input = ""; process.stdin.on("data", (d) => (input += d));' +
    'process.stdin.on("end", () => { const { texts, only } = JSON.parse(input);' +
    'process.stdout.write(JSON.stringify(texts.map((t) => francAll(t, { only, minLength: 1 })))); });';
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    input: JSON.stringify({ texts, only }),
    encoding: 'utf8',
  });
  return JSON.parse(output) as Array<Array<[string, number]>>;
}

describe('franc port', () => {
  it('the frozen profiles are franc-all\'s current ones', () => {
    const script =
      'import { data } from "franc-all/data.js"; const codes = JSON.parse(process.argv[1]);' +
      'process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(codes).map(([l, c]) =>' +
      '[l, (data.Latin[c] ?? data.Cyrillic[c])]))));';
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(ISO_639_3)], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual(FRANC_PROFILES);
  });

  it('ranks the Latin languages exactly as franc-all does, on every question, solution and step of the sample', () => {
    const latin: FrancLanguage[] = ['en', 'es', 'fr', 'de', 'sw', 'eu'];
    const texts = problems
      .filter((p) => latin.includes(p.language as FrancLanguage))
      .flatMap((p) => [p.question, p.steps.join(' '), ...p.steps]);
    const theirs = francAllRankings(texts, latin.map((l) => ISO_639_3[l]));
    const ours = texts.map((t) => rankByTrigrams(t, latin).map((r) => ISO_639_3[r.language]));
    expect(ours).toEqual(theirs.map((ranking) => ranking.map(([code]) => code)));
  });
});

describe('identifyLanguage', () => {
  it('decides Thai, Bengali, Telugu and Cyrillic by script, ja and zh by kana, and says so', () => {
    expect(identifyLanguage('รถวิ่งได้ลิตรละ 70 กิโลเมตร')).toMatchObject({ language: 'th', method: 'script', script: 'Thai' });
    expect(identifyLanguage('গাড়িটি প্রতি লিটারে ৭০ কিলোমিটার যায়।')).toMatchObject({ language: 'bn', method: 'script' });
    expect(identifyLanguage('కారు ఒక్కో లీటరుకు 70 కిలోమీటర్లు')).toMatchObject({ language: 'te', method: 'script' });
    expect(identifyLanguage('Всего она платит 52 ₽.')).toMatchObject({ language: 'ru', method: 'script' });
    expect(identifyLanguage('ガソリン1Lあたり20km走ります。')).toMatchObject({ language: 'ja', method: 'kana', script: 'CJK' });
    expect(identifyLanguage('每升油可以行驶20千米。')).toMatchObject({ language: 'zh', method: 'kana' });
    // The documented limit: Japanese written in kanji alone reads as Chinese.
    expect(identifyLanguage('合計金額')).toMatchObject({ language: 'zh' });
  });

  it('decides Latin-script text by trigrams among the Latin candidates only', () => {
    expect(identifyLanguage('Die Äpfel kosten zusammen achtundvierzig Euro und sie bezahlt')).toMatchObject({ language: 'de', method: 'trigrams' });
    expect(identifyLanguage('Sagarrek 48 € balio dute eta guztira 52 € ordaintzen ditu')).toMatchObject({ language: 'eu', method: 'trigrams' });
    // With one Latin candidate there is nothing to compare: the script decides.
    expect(identifyLanguage('The apples cost 48 dollars.', ['zh', 'en'])).toMatchObject({ language: 'en', method: 'script' });
  });

  it('is undetermined without letters, below 10 Latin letters, or in a script no candidate is written in', () => {
    expect(identifyLanguage('20 × 4 = 80')).toMatchObject({ language: null, letters: 0, script: 'other' });
    expect(identifyLanguage('She earns $400.')).toMatchObject({ language: null, method: 'none', letters: 8 });
    expect(identifyLanguage('안녕하세요 여러분')).toMatchObject({ language: null, script: 'other' });
    expect(identifyLanguage('รถวิ่งได้ลิตรละ', ['en', 'es'])).toMatchObject({ language: null, script: 'Thai' });
  });

  it('counts combining marks as letters and the prolonged sound mark as kana', () => {
    expect(countLetters('কি').letters).toBe(2);
    expect(countLetters('ー')).toEqual({ letters: 1, script: 'CJK', kana: 1 });
  });

  it('rejects unknown or empty candidate lists', () => {
    expect(() => identifyLanguage('hello world', ['en', 'xx'])).toThrow(InputError);
    expect(() => identifyLanguage('hello world', ['en', 'xx'])).toThrow(/unknown language xx/);
    expect(() => identifyLanguage('hello world', [])).toThrow(InputError);
  });
});

describe('accuracy on the math generator\'s problems and solutions', () => {
  type Unit = 'question' | 'solution' | 'step';
  function accuracy(language: string, unit: Unit, candidates: (p: MathProblem) => readonly string[]): number {
    let right = 0;
    let total = 0;
    for (const p of problems.filter((q) => q.language === language)) {
      const texts = unit === 'question' ? [p.question] : unit === 'solution' ? [p.steps.join(' ')] : p.steps;
      for (const text of texts) {
        total++;
        if (identifyLanguage(text, candidates(p)).language === language) right++;
      }
    }
    return right / total;
  }
  const all = () => IDENTIFIABLE_LANGUAGES;
  const withEnglish = (p: MathProblem) => (p.language === 'en' ? IDENTIFIABLE_LANGUAGES : [p.language, 'en']);

  // Floors: the accuracies measured on this sample (100 problems per language), rounded down to the percent.
  // Every miss among the Latin languages is a step under 10 letters ("She earns $400.") or a one-sentence step
  // that franc's trigrams give to a neighbour ("The car travels 70 ÷ 3.5 = 20 km per litre." -> fr).
  const FLOORS: Record<string, Record<Unit, [all: number, withEnglish: number]>> = {
    en: { question: [1, 1], solution: [0.9, 0.9], step: [0.79, 0.79] },
    es: { question: [1, 1], solution: [0.92, 1], step: [0.72, 0.9] },
    fr: { question: [1, 1], solution: [1, 1], step: [0.76, 0.81] },
    de: { question: [1, 1], solution: [0.91, 1], step: [0.93, 0.95] },
    sw: { question: [1, 1], solution: [1, 1], step: [1, 1] },
    eu: { question: [1, 1], solution: [1, 1], step: [0.96, 1] },
  };
  it.each(Object.keys(FLOORS))('%s: questions, solutions and single steps above the measured floors', (language) => {
    const below = (['question', 'solution', 'step'] as const).flatMap((unit) => {
      const measured = [accuracy(language, unit, all), accuracy(language, unit, withEnglish)];
      return measured.some((a, i) => a < FLOORS[language][unit][i]) ? [{ unit, measured, floors: FLOORS[language][unit] }] : [];
    });
    expect(below).toEqual([]);
  });

  it.each(['ru', 'zh', 'ja', 'th', 'bn', 'te'])('%s: every question, solution and step is identified (script decision)', (language) => {
    for (const unit of ['question', 'solution', 'step'] as const) expect(accuracy(language, unit, all)).toBe(1);
  });

  it('every math problem\'s question is identified as its language among all twelve (issue 4\'s check)', () => {
    const config = { ...CONFIG, problemsPerLanguage: 300, seed: 'language-id-questions' };
    const wrong = generateMathProblems(config, 0, mathProblemCount(config))
      .map((p) => ({ id: p.id, detected: identifyLanguage(p.question).language }))
      .filter((r) => !r.id.endsWith(`-${r.detected}`));
    expect(wrong).toEqual([]);
  });
});
