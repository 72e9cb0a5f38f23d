/**
 * The math reward against the multilingual generator: every reference answer is recovered from every reference
 * solution, in all twelve languages and every template, whether the answer is read as the last number, from a
 * \boxed{} or after the language's "the answer is", and whether the reference is canonical or written as the
 * language writes it.
 */
import { generateMathProblems, MATH_LANGUAGES, mathProblemCount, TEMPLATE_IDS } from '../../datasets/math';
import { extractFinalAnswer, mathAnswerReward } from '../../rewards/mathAnswer';

const CONFIG = { languages: [...MATH_LANGUAGES], problemsPerLanguage: 100, maxSteps: 4, seed: 'math-reward', evalPerLanguage: 30 };
const problems = generateMathProblems(CONFIG, 0, mathProblemCount(CONFIG));

/** How a model states its final answer in each language (written here, apart from the reward's phrase list). */
const ANSWER_LINE: Record<string, string> = {
  en: 'The answer is', es: 'La respuesta es', fr: 'La réponse est', de: 'Die Antwort lautet', ru: 'Ответ:',
  zh: '答案是', ja: '答えは', th: 'คำตอบคือ', sw: 'Jibu ni', bn: 'উত্তর হল', te: 'సమాధానం', eu: 'Erantzuna:',
};

it('the sample covers every template in every language', () => {
  for (const language of MATH_LANGUAGES) {
    expect(new Set(problems.filter((p) => p.language === language).map((p) => p.template))).toEqual(new Set(TEMPLATE_IDS));
  }
});

it.each([...MATH_LANGUAGES])('%s: every reference answer is recovered from its reference solution (100%%)', (language) => {
  const misses: string[] = [];
  for (const p of problems.filter((q) => q.language === language)) {
    const solution = p.steps.join('\n');
    const responses: Array<[string, string]> = [
      ['last-number', solution],
      ['boxed', `${solution}\n\\boxed{${p.answer_text}}`],
      ['phrase', `${solution}\n${ANSWER_LINE[language]} ${p.answer_text}.`],
    ];
    for (const [source, response] of responses) {
      expect(extractFinalAnswer(response, language)?.source).toBe(source);
      for (const reference of [p.answer, p.answer_text]) {
        const result = mathAnswerReward(response, reference, { language });
        if (result.score !== 1) misses.push(`${p.id} ${source} reference ${reference}: ${result.reason}`);
      }
    }
  }
  expect(misses).toEqual([]);
});
