import { extractFinalAnswer, lastBoxed, mathAnswerReward, mathAnswerRewardBatch } from '../../rewards/mathAnswer';
import { cjkNumeralsToAscii, findNumbers, toAsciiDigits } from '../../rewards/numerals';
import { InputError } from '../../core/errors';

const score = (response: string, reference: string | number, language = 'en') =>
  mathAnswerReward(response, reference, { language }).score;

describe('numerals of each script', () => {
  test.each([
    ['Arabic-Indic', 'الجواب هو ١٢٣٤٥', 12345],
    ['Extended Arabic-Indic', 'جواب ۱۲۳۴۵', 12345],
    ['Devanagari', 'उत्तर १२३४५ है', 12345],
    ['Bengali', 'উত্তর হল ১২৩৪৫।', 12345],
    ['Telugu', 'సమాధానం ౧౨౩౪౫.', 12345],
    ['Thai', 'คำตอบคือ ๑๒๓๔๕', 12345],
    ['fullwidth', '答案是１２３４５。', 12345],
  ])('%s digits', (_script, response, expected) => {
    expect(findNumbers(toAsciiDigits(response), 'en').map((n) => n.value)).toEqual([expected]);
  });

  test.each([
    ['二十五', '25'],
    ['十二', '12'],
    ['一百零五', '105'],
    ['两千三百万', '23000000'],
    ['一亿二千万', '120000000'],
    ['三千五百', '3500'],
    ['一〇五', '105'],
    ['3万5千', '35000'],
    ['1.5万', '15000'],
    ['三点五', '3.5'],
    ['三分之二', '2/3'],
    ['百分之五十', '50%'],
    ['负七', '-7'],
    ['壹佰贰拾', '120'],
    ['123', '123'],
  ])('CJK numeral %s -> %s', (numeral, ascii) => {
    expect(cjkNumeralsToAscii(numeral)).toBe(ascii);
  });

  test('Arabic separators and percent sign', () => {
    expect(findNumbers(toAsciiDigits('١٬٢٣٤٫٥'), 'en')[0].value).toBe(1234.5);
    expect(findNumbers(toAsciiDigits('٥٠٪'), 'en')[0]).toMatchObject({ value: 50, percent: true });
  });
});

describe('locale separators, fractions and percents', () => {
  test.each([
    ['1,234.5', 'en', 1234.5],
    ['1.234,5', 'de', 1234.5],
    ['1 234,5', 'fr', 1234.5],
    ['1\u202f234,5', 'fr', 1234.5],
    ['1\u00a0234,5', 'ru', 1234.5],
    ['1,234', 'en', 1234],
    ['1,234', 'de', 1.234],
    ['1.234', 'de', 1234],
    ['1.234', 'en', 1.234],
    ['1.5', 'de', 1.5],
    ['3,5', 'es', 3.5],
    ['1,234,567', 'es', 1234567],
    ['1.234.567', 'en', 1234567],
    ['1,23,456', 'bn', 123456],
    ['-12', 'en', -12],
  ])('%s in %s = %d', (text, language, expected) => {
    expect(findNumbers(text, language as 'en')[0].value).toBeCloseTo(expected, 10);
  });

  test('English prose keeps "3 100" and "1,5" as two numbers each', () => {
    expect(findNumbers('in 3 100 days', 'en').map((n) => n.value)).toEqual([3, 100]);
    expect(findNumbers('1,5', 'en').map((n) => n.value)).toEqual([1, 5]);
  });

  test('fractions and percents', () => {
    expect(findNumbers('3/4', 'en')[0].value).toBe(0.75);
    expect(findNumbers('3 / 4', 'en')[0].value).toBe(0.75);
    expect(findNumbers('12,5 %', 'fr')[0]).toMatchObject({ value: 12.5, percent: true });
  });
});

describe('final answer extraction', () => {
  test('the last boxed answer wins, with nested braces and LaTeX', () => {
    expect(lastBoxed('\\boxed{1} then \\boxed{\\frac{3}{4}}')).toBe('\\frac{3}{4}');
    expect(extractFinalAnswer('so \\boxed{\\frac{3}{4}}', 'en')).toMatchObject({ source: 'boxed', number: { value: 0.75 } });
    expect(extractFinalAnswer('\\boxed{1{,}234 \\text{ apples}}', 'en')?.number?.value).toBe(1234);
    expect(extractFinalAnswer('\\boxed{\\$1\\,234}', 'en')?.number?.value).toBe(1234);
    expect(extractFinalAnswer('\\boxed{50\\%}', 'en')?.number).toMatchObject({ value: 50, percent: true });
  });

  test.each([
    ['en', 'First 3 apples, then 5. The answer is 18.'],
    ['es', 'Primero 3, luego 5. La respuesta es 18.'],
    ['fr', 'D’abord 3, puis 5. La réponse est 18.'],
    ['de', 'Zuerst 3, dann 5. Die Antwort lautet 18.'],
    ['ru', 'Сначала 3, потом 5. Ответ: 18.'],
    ['zh', '先是3个，然后是5个。答案是18。'],
    ['ja', 'まず3個、次に5個。答えは18です。'],
    ['th', 'ก่อนอื่น 3 แล้ว 5 คำตอบคือ 18'],
    ['sw', 'Kwanza 3, kisha 5. Jibu ni 18.'],
    ['bn', 'প্রথমে 3, তারপর 5। উত্তর হল 18।'],
    ['te', 'మొదట 3, తర్వాత 5. సమాధానం 18.'],
    ['eu', 'Lehenik 3, gero 5. Erantzuna 18 da.'],
  ])('"the answer is" in %s', (language, response) => {
    const answer = extractFinalAnswer(`${response} (checked 3 times)`, language);
    expect(answer).toMatchObject({ source: 'phrase', number: { value: 18 } });
  });

  test('CJK numerals after the phrase, but 一 in prose is not a number', () => {
    expect(extractFinalAnswer('答案是二十五。', 'zh')?.number?.value).toBe(25);
    expect(extractFinalAnswer('一些苹果加上3个苹果，共有12个', 'zh')?.number?.value).toBe(12);
    expect(extractFinalAnswer('共有十二个', 'zh')?.number?.value).toBe(12);
  });

  test('last number when there is no marker; null when there is no number', () => {
    expect(extractFinalAnswer('5 + 7 = 12', 'en')).toMatchObject({ source: 'last-number', number: { value: 12 } });
    expect(extractFinalAnswer('I do not know', 'en')).toBeNull();
  });
});

describe('math reward', () => {
  test('correct and wrong answers, with tolerance', () => {
    expect(score('The answer is 18.', '18')).toBe(1);
    expect(score('The answer is 17.', '18')).toBe(0);
    expect(score('The answer is 0.33333.', '1/3')).toBe(1);
    expect(score('The answer is 0.33.', '1/3')).toBe(0);
    expect(score('Die Antwort lautet 1.234.', '1234', 'de')).toBe(1);
    expect(score('The answer is 1,234.', 1234)).toBe(1);
    expect(score('\\boxed{50\\%}', '50')).toBe(1);
    expect(score('\\boxed{50\\%}', '0.5')).toBe(1);
    expect(score('উত্তর হল ১৮।', '18', 'bn')).toBe(1);
    expect(score('คำตอบคือ ๑๘', 18, 'th')).toBe(1);
    expect(score('答えは十八です。', 18, 'ja')).toBe(1);
    expect(mathAnswerReward('nothing', '18', { language: 'en' })).toEqual({
      score: 0,
      components: { correct: 0 },
      reason: 'no final answer found',
    });
  });

  test('a non-numeric reference is compared as text', () => {
    expect(score('\\boxed{B}', 'b')).toBe(1);
    expect(score('\\boxed{C}', 'B')).toBe(0);
  });

  test('batch API and reasons', () => {
    const [right, wrong] = mathAnswerRewardBatch([
      { response: 'Jibu ni 42.', reference: '42', language: 'sw' },
      { response: 'Jibu ni 41.', reference: '42', language: 'sw' },
    ]);
    expect(right).toEqual({ score: 1, components: { correct: 1 }, reason: 'phrase answer 42 vs reference 42: correct' });
    expect(wrong.score).toBe(0);
  });

  test('unknown languages and negative tolerances are InputErrors', () => {
    expect(() => score('18', '18', 'xx')).toThrow(InputError);
    expect(() => mathAnswerReward('18', '18', { language: 'en', relativeTolerance: -1 })).toThrow(InputError);
  });
});
