/**
 * LANG's base policy data (issue 7): SFT pairs from the math dataset's reference solutions, where a share of the
 * non-English problems is answered in English, so the base drifts into English the way real models do and LANG has
 * something to fix. The English ones are the problems with the most steps (ties broken by a seeded hash): a drift
 * drawn at random per record would leave the native solution the majority everywhere, and greedy decoding would
 * never show it; tied to a visible property it does, and harder problems are where real models fall back to English. A share of the multi-step problems carries a hint block (the first reference steps, in the
 * problem's language) with the rest of the solution as the target, so the base already knows how to continue a hint.
 * Pure and deterministic: each record's choices are drawn from (seed, record id) alone.
 */
import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { renderPrompt } from '../training/trainingProblems';

/** The fields of a math dataset record (datasets/math/README.md) that the base is trained on. */
export interface LangBaseRecord {
  id: string;
  language: string;
  question: string;
  answer: string;
  steps: string[];
  english: { steps: string[] };
  split: 'train' | 'eval';
  template: string;
}

export interface LangBaseSettings {
  /** Share of each non-English language's problems whose target solution is the English one. */
  englishShare: number;
  /** Share of multi-step problems shown with a hint of 1 .. steps - 1 reference steps. */
  hintedShare: number;
  seed: number | string;
}

export interface LangBaseExample {
  id: string;
  language: string;
  prompt: string;
  completion: string;
  /** The target solution is the English one although the problem is not in English. */
  inEnglish: boolean;
  hintSteps: number;
}

/** One SFT pair per training record (eval records never enter the base). */
export function langBaseExamples(records: readonly LangBaseRecord[], settings: LangBaseSettings): LangBaseExample[] {
  for (const key of ['englishShare', 'hintedShare'] as const) {
    const v = settings[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InputError(`lang base: ${key} must be in [0, 1], got ${JSON.stringify(v)}`);
  }
  const chosen = records.filter((r) => r.split === 'train');
  if (chosen.length === 0) throw new InputError('lang base: no training records');
  const english = new Set<string>();
  for (const language of new Set(chosen.map((r) => r.language))) {
    if (language === 'en') continue;
    const ranked = chosen
      .filter((r) => r.language === language)
      .map((r) => ({ id: r.id, steps: r.steps.length, tie: Rng.derive(settings.seed, 'lang-base-english', r.id).next() }))
      .sort((a, b) => b.steps - a.steps || a.tie - b.tie);
    ranked.slice(0, Math.round(settings.englishShare * ranked.length)).forEach((r) => english.add(r.id));
  }
  return chosen.map((record) => {
    const rng = Rng.derive(settings.seed, 'lang-base-hint', record.id);
    const inEnglish = english.has(record.id);
    const solution = inEnglish ? record.english.steps : record.steps;
    const hintSteps = record.steps.length > 1 && rng.next() < settings.hintedShare ? 1 + rng.int(record.steps.length - 1) : 0;
    if (solution.length !== record.steps.length) throw new InputError(`lang base: record ${record.id} has ${record.steps.length} steps but ${solution.length} English steps`);
    return {
      id: record.id,
      language: record.language,
      prompt: renderPrompt({ ...record, split: record.split }, hintSteps),
      completion: ` ${solution.slice(hintSteps).join(' ')}`,
      inEnglish,
      hintSteps,
    };
  });
}
