import { InputError } from '../../core/errors';
import { generateMathProblems } from '../../datasets/math';
import { langBaseExamples } from '../../scripts/langBase';

const config = { languages: ['en', 'es', 'zh'], problemsPerLanguage: 120, maxSteps: 2, seed: 3, evalPerLanguage: 20 };
const records = generateMathProblems(config, 0, 360);
const settings = { englishShare: 0.4, hintedShare: 0.3, seed: 0 };

describe('LANG base SFT data', () => {
  const examples = langBaseExamples(records, settings);
  const byId = new Map(records.map((r) => [r.id, r]));

  it('trains on the train split only, one pair per record, in the prompt format of the training run', () => {
    expect(examples).toHaveLength(records.filter((r) => r.split === 'train').length);
    for (const e of examples) {
      const r = byId.get(e.id)!;
      expect(r.split).toBe('train');
      expect(e.prompt.startsWith(`Q: ${r.question}\n`)).toBe(true);
      expect(e.prompt.endsWith('A:')).toBe(true);
    }
  });

  it('answers 40% of each non-English language in English, the multi-step problems first, and English always in English', () => {
    for (const language of ['es', 'zh']) {
      const of = examples.filter((e) => e.language === language);
      const english = of.filter((e) => e.inEnglish);
      expect(english.length).toBe(Math.round(0.4 * of.length));
      const minEnglishSteps = Math.min(...english.map((e) => byId.get(e.id)!.steps.length));
      const maxNativeSteps = Math.max(...of.filter((e) => !e.inEnglish).map((e) => byId.get(e.id)!.steps.length));
      expect(minEnglishSteps).toBeGreaterThanOrEqual(maxNativeSteps);
      for (const e of english) expect(e.completion).toBe(` ${byId.get(e.id)!.english.steps.slice(e.hintSteps).join(' ')}`);
    }
    expect(examples.filter((e) => e.language === 'en' && e.inEnglish)).toEqual([]);
  });

  it('hints a share of the multi-step problems with a prefix in the problem language and targets the rest', () => {
    const hinted = examples.filter((e) => e.hintSteps > 0);
    const multi = examples.filter((e) => byId.get(e.id)!.steps.length > 1);
    expect(hinted.length / multi.length).toBeGreaterThan(0.2);
    expect(hinted.length / multi.length).toBeLessThan(0.4);
    for (const e of hinted) {
      const r = byId.get(e.id)!;
      expect(e.hintSteps).toBeLessThan(r.steps.length);
      expect(e.prompt).toBe(`Q: ${r.question}\nH: ${r.steps.slice(0, e.hintSteps).join(' ')}\nA:`);
      if (!e.inEnglish) expect(e.completion).toBe(` ${r.steps.slice(e.hintSteps).join(' ')}`);
    }
  });

  it('is deterministic in the seed, and the seed changes the choices', () => {
    expect(langBaseExamples(records, settings)).toEqual(examples);
    const other = langBaseExamples(records, { ...settings, seed: 1 });
    expect(other.map((e) => e.hintSteps)).not.toEqual(examples.map((e) => e.hintSteps));
  });

  it('teaches a drifted problem englishCopies times in English and nativeCopies times in its own language', () => {
    const copies = langBaseExamples(records, { ...settings, englishCopies: 2, nativeCopies: 1 });
    const drifted = new Set(examples.filter((e) => e.inEnglish).map((e) => e.id));
    for (const id of drifted) {
      const of = copies.filter((e) => e.id === id);
      expect(of.filter((e) => e.inEnglish)).toHaveLength(2);
      expect(of.filter((e) => !e.inEnglish)).toHaveLength(1);
      const native = of.find((e) => !e.inEnglish)!;
      expect(native.completion).toBe(` ${byId.get(id)!.steps.slice(native.hintSteps).join(' ')}`);
    }
    // Every other example is the one the defaults make.
    expect(copies.filter((e) => !drifted.has(e.id))).toEqual(examples.filter((e) => !drifted.has(e.id)));
    expect(copies).toHaveLength(examples.length + 2 * drifted.size);
  });

  it('rejects bad settings and a dataset without training records', () => {
    expect(() => langBaseExamples(records, { ...settings, englishCopies: 0 })).toThrow(/englishCopies must be at least 1/);
    expect(() => langBaseExamples(records, { ...settings, nativeCopies: 1.5 })).toThrow(new InputError('lang base: nativeCopies must be an integer >= 0, got 1.5'));
    expect(() => langBaseExamples(records, { ...settings, englishShare: 1.5 })).toThrow(new InputError('lang base: englishShare must be in [0, 1], got 1.5'));
    expect(() => langBaseExamples(records.filter((r) => r.split === 'eval'), settings)).toThrow(/no training records/);
  });
});
