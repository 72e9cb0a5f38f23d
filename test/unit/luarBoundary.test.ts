import { boundaryLabel, hasTranslatorCall, luarBoundaryReward, luarBoundaryRewardBatch } from '../../rewards/luarBoundary';
import { InputError } from '../../core/errors';

test('the four reward cases with gamma 0.2', () => {
  const scores = luarBoundaryRewardBatch([
    { correct: true, calledTranslator: true, useful: true },
    { correct: true, calledTranslator: false, useful: true },
    { correct: true, calledTranslator: false, useful: false },
    { correct: true, calledTranslator: true, useful: false },
    { correct: false, calledTranslator: true, useful: true },
    { correct: false, calledTranslator: false, useful: false },
  ]).map((r) => r.score);
  expect(scores).toEqual([1.2, 1, 1, 0.8, 0, 0]);
  expect(luarBoundaryReward({ correct: true, calledTranslator: true, useful: true }, 0.5).score).toBe(1.5);
  expect(luarBoundaryReward({ correct: true, calledTranslator: true, useful: false }).components).toEqual({ correct: 1, call: 1, useful: 0 });
});

test('boundary labels: mode is strict, usefulness needs delta, float sums do not flip it', () => {
  expect(boundaryLabel(0.5, 0.5)).toEqual({ mode: 'direct', useful: false });
  expect(boundaryLabel(0.5, 0.55)).toEqual({ mode: 'translator', useful: false });
  expect(boundaryLabel(0.5, 0.625)).toEqual({ mode: 'translator', useful: true });
  expect(boundaryLabel(0.2, 0.3)).toEqual({ mode: 'translator', useful: true }); // 0.2 + 0.1 > 0.3 in floats
  expect(() => boundaryLabel(1.5, 0)).toThrow(InputError);
});

test('translator call syntaxes', () => {
  expect(hasTranslatorCall('Let me CALL Translator(q) first')).toBe(true);
  expect(hasTranslatorCall('<translate>Habari</translate>')).toBe(true);
  expect(hasTranslatorCall('I will translate it myself')).toBe(false);
});
