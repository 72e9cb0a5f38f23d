/**
 * LANG's base policy data (issue 7): SFT pairs from the math dataset's reference solutions, where a share of the
 * non-English problems is answered in English, so the base drifts into English the way real models do and LANG has
 * something to fix. The English ones are the problems with the most steps (ties broken by a seeded hash): a drift
 * drawn at random per record would leave the native solution the majority everywhere, and greedy decoding would
 * never show it; tied to a visible property it does, and harder problems are where real models fall back to English. A share of the multi-step problems carries a hint block (the first reference steps, in the
 * problem's language) with the rest of the solution as the target, so the base already knows how to continue a hint.
 * A drifted problem can be taught several times in English and also in its own language (`englishCopies`,
 * `nativeCopies`): the base then prefers English on it, as greedy decoding shows, while it has learnt to solve it in
 * its own language too -- the situation LANG is for, a model that can reason in Swahili and drifts into English.
 * Pure and deterministic: each example's choices are drawn from (seed, record id, copy) alone.
 */
import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { mathTask } from '../training/tasks/mathTask';

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
  /** SFT examples of a drifted problem with the English solution (default 1). */
  englishCopies?: number;
  /** SFT examples of a drifted problem with its own-language solution (default 0). */
  nativeCopies?: number;
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

/** One SFT pair per training record, or the copies of a drifted one (eval records never enter the base). */
export function langBaseExamples(records: readonly LangBaseRecord[], settings: LangBaseSettings): LangBaseExample[] {
  for (const key of ['englishShare', 'hintedShare'] as const) {
    const v = settings[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InputError(`lang base: ${key} must be in [0, 1], got ${JSON.stringify(v)}`);
  }
  const englishCopies = settings.englishCopies ?? 1;
  const nativeCopies = settings.nativeCopies ?? 0;
  for (const [key, v] of [['englishCopies', englishCopies], ['nativeCopies', nativeCopies]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InputError(`lang base: ${key} must be an integer >= 0, got ${JSON.stringify(v)}`);
  }
  if (englishCopies === 0) throw new InputError('lang base: englishCopies must be at least 1 (a drifted problem is taught in English)');
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
  return chosen.flatMap((record) => {
    if (!english.has(record.id)) return [example(record, false, record.id, settings)];
    if (record.english.steps.length !== record.steps.length) throw new InputError(`lang base: record ${record.id} has ${record.steps.length} steps but ${record.english.steps.length} English steps`);
    return [
      // The first English copy draws its hint as an undrifted record does, so one copy each keeps the old examples.
      ...Array.from({ length: englishCopies }, (_, copy) => example(record, true, copy === 0 ? record.id : `${record.id}/en${copy}`, settings)),
      ...Array.from({ length: nativeCopies }, (_, copy) => example(record, false, `${record.id}/native${copy}`, settings)),
    ];
  });
}

function example(record: LangBaseRecord, inEnglish: boolean, drawKey: string, settings: LangBaseSettings): LangBaseExample {
  const rng = Rng.derive(settings.seed, 'lang-base-hint', drawKey);
  const solution = inEnglish ? record.english.steps : record.steps;
  const hintSteps = record.steps.length > 1 && rng.next() < settings.hintedShare ? 1 + rng.int(record.steps.length - 1) : 0;
  const episode = mathTask.episode(record as unknown as Record<string, unknown>, `record ${record.id}`);
  return {
    id: record.id,
    language: record.language,
    // LANG's hint of whole steps, as a rollout shows it: the first steps of the problem's own solution.
    prompt: mathTask.prompt(episode, hintSteps > 0 ? { hint: record.steps.slice(0, hintSteps).join(' ') } : {}),
    completion: ` ${solution.slice(hintSteps).join(' ')}`,
    inEnglish,
    hintSteps,
  };
}
