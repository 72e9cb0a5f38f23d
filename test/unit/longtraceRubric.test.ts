import { longTraceRubricRewardBatch, longTraceRubricRewardGroup, normaliseForRubric, rubricHits } from '../../rewards/longtraceRubric';
import { InputError } from '../../core/errors';

const rubric = ['Marie Curie', 'Warsaw', 'Sorbonne', 'Pierre Curie', 'Nobel Prize in Physics'];
const fourHits = 'Marie Curie was born in Warsaw, studied at the Sorbonne and married Pierre Curie. Answer: Ève.';

test('normalisation: lowercase, letters, digits, underscore and CJK, single spaces', () => {
  expect(normaliseForRubric('  Hello, World!! snake_case 42 — 東京タワー、とうきょう ')).toBe(
    'hello world snake_case 42 東京タワー とうきょう',
  );
  expect(normaliseForRubric('नमस्ते दुनिया')).toBe('नमस्ते दुनिया');
});

test('the worked example: correct, 4 of 5 rubric entities, no group scaling -> 0.94', () => {
  expect(rubricHits(fourHits, rubric)).toEqual({ hits: 4, total: 5, rate: 0.8 });
  const [result] = longTraceRubricRewardGroup([{ response: fourHits, correct: true }], rubric, { groupScaling: false });
  expect(result.score).toBeCloseTo(0.94, 12);
  expect(result.components).toMatchObject({ answer: 1, rubricHits: 4, rubricRate: 0.8, rubric: 0.8 });
});

test('matching ignores case and punctuation on both sides', () => {
  expect(rubricHits('MARIE-CURIE won the nobel prize in physics', rubric).hits).toBe(2);
});

test('group-max scaling, and no rubric pay for wrong answers', () => {
  const group = [
    { response: fourHits, correct: true },
    { response: 'Marie Curie and Warsaw. Answer: Ève.', correct: true },
    { response: fourHits, correct: false },
    { response: 'No idea.', correct: true },
  ];
  const [best, half, wrong, none] = longTraceRubricRewardGroup(group, rubric);
  expect(best.score).toBeCloseTo(1, 12); // 0.8 / 0.8
  expect(half.score).toBeCloseTo(0.7 + 0.3 * 0.5, 12); // 0.4 / 0.8
  expect(wrong.score).toBe(0);
  expect(wrong.components.rubricHits).toBe(4);
  expect(none.score).toBeCloseTo(0.7, 12);
});

test('a group with no rubric hit is not scaled', () => {
  const [result] = longTraceRubricRewardBatch([{ samples: [{ response: 'x', correct: true }], rubric }])[0];
  expect(result.score).toBeCloseTo(0.7, 12);
  expect(result.components.groupMax).toBe(0);
});

test('bad rubrics and eta are InputErrors', () => {
  expect(() => rubricHits('x', [])).toThrow(InputError);
  expect(() => rubricHits('x', ['—'])).toThrow(InputError);
  expect(() => longTraceRubricRewardGroup([{ response: 'x', correct: true }], rubric, { eta: 2 })).toThrow(InputError);
});
