import { InputError } from '../../core/errors';
import { checkpointRubric, JUDGE_INSTRUCTION_LANGUAGES, judgePrompt, RESULT_TAGS } from '../../rewards/judge/judgePrompt';
import { parseVerdict } from '../../rewards/judge/parseVerdict';

describe('parseVerdict', () => {
  it.each([
    ['Feedback: The response is correct. [RESULT] 5', 5, 'The response is correct.'],
    ['Retroalimentación: Falta un paso. [RESULTADO] 3', 3, 'Falta un paso.'],
    ['Iruzkina: Ondo dago. [EMAITZA] 4', 4, 'Ondo dago.'],
    ['Commentaire : Bien. [RÉSULTAT] 4', 4, 'Bien.'],
    ['Commentaire : Bien. [RESULTAT] 2', 2, 'Bien.'],
    ['Feedback: Gut. [ERGEBNIS] 5', 5, 'Gut.'],
    ['Отзыв: Неверно. [РЕЗУЛЬТАТ] 1', 1, 'Неверно.'],
    ['反馈：回答正确。[结果] 5', 5, '回答正确。'],
    ['フィードバック: 正しいです。【結果】４', 4, '正しいです。'],
    ['Feedback: ok [RESULT]: **3**', 3, 'ok'],
    ['Feedback: ok **[RESULT]** 4/5. I hope this helps!', 4, 'ok **'],
    ['Feedback: ok\n[RESULT] (2)', 2, 'ok'],
    ['Feedback: ok (RESULT) 3', 3, 'ok'],
    ['Feedback: ok RESULT: 4', 4, 'ok'],
    ['Feedback: ok [RESULT] - 4', 4, 'ok'],
    ['Feedback: ok [ RESULT ] ３ because ...', 3, 'ok'],
    ['Feedback: ok [result] 2', 2, 'ok'],
  ])('reads %j', (output, score, feedback) => {
    expect(parseVerdict(output)).toEqual({ ok: true, score, feedback });
  });

  it('takes the last tag that carries a score (the echoed format line carries none)', () => {
    const output = 'The format is "[RESULT] (an integer number between 1 and 5)". Feedback: fine. [RESULT] 4';
    expect(parseVerdict(output)).toMatchObject({ ok: true, score: 4 });
    expect(parseVerdict('[RESULT] 2 ... on reflection [RESULT] 3')).toMatchObject({ ok: true, score: 3 });
  });

  it('does not take prose for a verdict', () => {
    expect(parseVerdict('Feedback: the result is 42, which is right.')).toEqual({
      ok: false,
      failure: 'no-result-tag',
      detail: 'no [RESULT] tag in the judge output',
    });
  });

  it.each([
    ['', 'no-result-tag'],
    ['Feedback: good answer, I would give it a 5.', 'no-result-tag'],
    ['Feedback: good. [RESULT]', 'no-score'],
    ['Feedback: good. [RESULT] five', 'no-score'],
    ['Feedback: good. [RESULT] 6', 'out-of-range'],
    ['Feedback: good. [RESULT] 0', 'out-of-range'],
    ['Feedback: good. [RESULT] 4.5', 'out-of-range'],
    ['Feedback: good. [RESULT] -2', 'out-of-range'],
  ])('fails on %j with %s', (output, failure) => {
    expect(parseVerdict(output)).toMatchObject({ ok: false, failure });
  });
});

describe('judgePrompt', () => {
  const input = { instruction: 'What is 2 + 3?', response: '2 + 3 = 5', reference: '5' };

  it('is Prometheus\' absolute grading prompt in English', () => {
    const prompt = judgePrompt(input);
    expect(prompt.user).toContain('a reference answer that gets a score of 5');
    expect(prompt.user).toContain('"Feedback: (write a feedback for criteria) [RESULT] (an integer number between 1 and 5)"');
    expect(prompt.user).toMatch(/###The instruction to evaluate:\nWhat is 2 \+ 3\?\n\n###Response to evaluate:\n2 \+ 3 = 5\n\n###Reference Answer \(Score 5\):\n5\n\n###Score Rubrics:\n\[/);
    expect(prompt.user).toMatch(/Score 1: .*\nScore 2: .*\nScore 3: .*\nScore 4: .*\nScore 5: .*\n\n###Feedback: $/);
    expect(prompt.system).toMatch(/^You are a fair judge assistant/);
  });

  it.each(JUDGE_INSTRUCTION_LANGUAGES.filter((l) => l !== 'en'))('has instructions in %s, asking for a tag the parser reads', (language) => {
    const prompt = judgePrompt(input, language);
    expect(prompt.user).not.toContain('Task Description');
    expect(prompt.user).toContain(`[${prompt.resultTag}]`);
    expect(prompt.user).toContain(input.instruction);
    expect(parseVerdict(`ok [${prompt.resultTag}] 4`)).toMatchObject({ ok: true, score: 4 });
  });

  it('lists every localized tag once and refuses a language it has no instructions in', () => {
    expect(RESULT_TAGS).toEqual(['RESULT', 'RESULTADO', 'EMAITZA', 'ERGEBNIS', 'RÉSULTAT', '結果', '结果', 'РЕЗУЛЬТАТ']);
    expect(() => judgePrompt(input, 'sw')).toThrow(InputError);
    expect(() => judgePrompt(input, 'sw')).toThrow(/use en/);
  });

  it('builds ExpRL\'s checkpoint rubric', () => {
    const rubric = checkpointRubric(['apples cost 48', 'total 52', 'change 148']);
    expect(rubric.criteria).toContain('(1) apples cost 48; (2) total 52; (3) change 148');
    expect(rubric.levels).toHaveLength(5);
    expect(() => checkpointRubric([])).toThrow(InputError);
  });
});
