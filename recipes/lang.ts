/**
 * LANG (METHODS.md "LANG"): hints in the problem's own language whose size fades on a per-language schedule, switched
 * off once a language is good enough and back on when it slips. This file is the schedule: a pure state machine the
 * training workflow carries (plain JSON, so it survives continue-as-new and shows in queries and the history).
 *
 * Per step the workflow asks `hintFractions` for the rollout, then calls `advanceClocks`; at every probe step
 * (`isProbeStep`) it measures hint-free accuracy per language and calls `observeAccuracy`.
 */
import { InputError } from '../core/errors';
import type { MethodSchedule } from './methodSchedule';

/**
 * What a hint reveals a whole number of: reference steps (METHODS.md "LANG") or words, the whitespace-separated
 * pieces of the reference solution. Words let a hint fade gradually on a solution of one or two steps, where whole
 * steps can only jump from all or half of it to nothing.
 */
export const HINT_UNITS = ['step', 'word'] as const;
export type HintUnit = (typeof HINT_UNITS)[number];

export const LANG_DECAYS = ['linear', 'cosine', 'exponential'] as const;
export type LangDecay = (typeof LANG_DECAYS)[number];

export interface LangConfig {
  /** Hint fraction at clock 0: the share of reference steps revealed (rounded down to whole steps by the rollout). */
  h0: number;
  decay: LangDecay;
  /** T_base: the horizon of a language the base already solves; default half the run's steps. */
  baseHorizon: number;
  /** Horizon growth with difficulty: T_l = T_base * (1 + kappa * (1 - a_l0)). */
  kappa: number;
  /** Hints switch off once the accuracy EMA reaches this. */
  tauOff: number;
  /** Hints switch back on when the EMA falls this far below its value at switch-off. */
  deltaBack: number;
  /** Weight of the newest probe in the accuracy EMA. */
  emaAlpha: number;
  /** Probe hint-free accuracy every this many steps. */
  probeEvery: number;
  /** What the rollout rounds a hint fraction down to: whole reference steps (METHODS.md) or words. */
  hintUnit: HintUnit;
}

export type LangConfigInput = Partial<LangConfig>;

export const LANG_DEFAULTS: Omit<LangConfig, 'baseHorizon'> = {
  h0: 0.6,
  decay: 'cosine',
  kappa: 1,
  tauOff: 0.9,
  deltaBack: 0.1,
  emaAlpha: 0.3,
  probeEvery: 5,
  hintUnit: 'step',
};

const LANG_FIELDS: ReadonlyArray<keyof LangConfig> = [...(Object.keys(LANG_DEFAULTS) as Array<keyof LangConfig>), 'baseHorizon'];

export interface LanguageHints {
  /** t_l: steps during which this language's hints were on. */
  clock: number;
  /** T_l. */
  horizon: number;
  /** a_l0: hint-free accuracy before RL. */
  baseAccuracy: number;
  /** h_l at the current clock (0 while off). */
  fraction: number;
  on: boolean;
  /** Smoothed hint-free accuracy; starts at a_l0. */
  accuracyEma: number;
  /** The EMA when hints last switched off; null while they have never been off. */
  accuracyAtOff: number | null;
}

export type LangSwitchReason = 'decay-end' | 'accuracy-reached' | 'accuracy-dropped';

export interface LangSwitchEvent {
  step: number;
  language: string;
  to: 'on' | 'off';
  reason: LangSwitchReason;
  /** The accuracy EMA at the switch. */
  accuracyEma: number;
}

export interface LangState {
  config: LangConfig;
  languages: Record<string, LanguageHints>;
  events: LangSwitchEvent[];
}

const SHAPES: Record<LangDecay, (x: number) => number> = {
  linear: (x) => 1 - x,
  cosine: (x) => (1 + Math.cos(Math.PI * x)) / 2,
  exponential: (x) => Math.exp(-5 * x),
};

/** h(t) = h0 * s(min(1, t / T)) while t < T; 0 from T on, for every shape (exponential's tail is cut at T). */
export function decayedFraction(config: Pick<LangConfig, 'h0' | 'decay'>, clock: number, horizon: number): number {
  return clock >= horizon ? 0 : config.h0 * SHAPES[config.decay](clock / horizon);
}

/** T_l = T_base * (1 + kappa * (1 - a_l0)): harder languages keep their hints longer. */
export function horizonOf(config: LangConfig, baseAccuracy: number): number {
  return config.baseHorizon * (1 + config.kappa * (1 - baseAccuracy));
}

/** The full config: defaults filled in (T_base = half of `runSteps`) and every field checked. */
export function resolveLangConfig(input: LangConfigInput, runSteps: number, source = 'lang'): LangConfig {
  if (!Number.isInteger(runSteps) || runSteps < 1) throw new InputError(`${source}: the run's steps must be a positive integer, got ${runSteps}`);
  const unknown = Object.keys(input).filter((k) => !LANG_FIELDS.includes(k as keyof LangConfig));
  if (unknown.length > 0) throw new InputError(`${source}: unknown field ${unknown.join(', ')} (known: ${LANG_FIELDS.join(', ')})`);
  const config: LangConfig = { ...LANG_DEFAULTS, baseHorizon: runSteps / 2, ...input };
  const check = (field: keyof LangConfig, ok: boolean, range: string) => {
    if (!ok) throw new InputError(`${source}.${field}: must be ${range}, got ${JSON.stringify(config[field])}`);
  };
  const inUnit = (v: number, zeroOk: boolean) => typeof v === 'number' && (zeroOk ? v >= 0 : v > 0) && v <= 1;
  check('h0', inUnit(config.h0, false), 'in (0, 1]');
  check('decay', (LANG_DECAYS as readonly string[]).includes(config.decay), `one of ${LANG_DECAYS.join(', ')}`);
  check('baseHorizon', typeof config.baseHorizon === 'number' && config.baseHorizon > 0 && Number.isFinite(config.baseHorizon), 'a positive number of steps');
  check('kappa', typeof config.kappa === 'number' && config.kappa >= 0 && Number.isFinite(config.kappa), 'a number >= 0');
  check('tauOff', inUnit(config.tauOff, false), 'in (0, 1]');
  check('deltaBack', inUnit(config.deltaBack, true), 'in [0, 1]');
  check('emaAlpha', inUnit(config.emaAlpha, false), 'in (0, 1]');
  check('probeEvery', Number.isInteger(config.probeEvery) && config.probeEvery >= 1, 'a positive integer');
  check('hintUnit', (HINT_UNITS as readonly string[]).includes(config.hintUnit), `one of ${HINT_UNITS.join(', ')}`);
  return config;
}

function checkAccuracy(where: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new InputError(`${where}: accuracy must be in [0, 1], got ${JSON.stringify(value)}`);
  return value;
}

/** Every language's hints on at clock 0, its horizon set by its base accuracy a_l0. */
export function initLangState(config: LangConfig, languages: readonly string[], baseAccuracy: Readonly<Record<string, number>>): LangState {
  if (languages.length === 0) throw new InputError('lang: no languages to schedule');
  const duplicate = languages.find((l, i) => languages.indexOf(l) !== i);
  if (duplicate !== undefined) throw new InputError(`lang: language ${duplicate} listed twice`);
  const entries = languages.map((language): [string, LanguageHints] => {
    const a0 = checkAccuracy(`lang: base accuracy of ${language}`, baseAccuracy[language]);
    const horizon = horizonOf(config, a0);
    return [language, { clock: 0, horizon, baseAccuracy: a0, fraction: decayedFraction(config, 0, horizon), on: true, accuracyEma: a0, accuracyAtOff: null }];
  });
  return { config, languages: Object.fromEntries(entries), events: [] };
}

/** The hint fraction of each language for the next rollout (0 while its hints are off). */
export function hintFractions(state: LangState): Record<string, number> {
  return Object.fromEntries(Object.entries(state.languages).map(([language, l]) => [language, l.on ? l.fraction : 0]));
}

/** After `step`: the clocks of languages whose hints were on tick once; a language whose decay ends switches off. */
export function advanceClocks(state: LangState, step: number): LangState {
  const languages = { ...state.languages };
  const events = [...state.events];
  for (const [language, l] of Object.entries(state.languages)) {
    if (!l.on) continue;
    const clock = l.clock + 1;
    const fraction = decayedFraction(state.config, clock, l.horizon);
    if (fraction > 0) {
      languages[language] = { ...l, clock, fraction };
    } else {
      languages[language] = { ...l, clock, fraction: 0, on: false, accuracyAtOff: l.accuracyEma };
      events.push({ step, language, to: 'off', reason: 'decay-end', accuracyEma: l.accuracyEma });
    }
  }
  return { ...state, languages, events };
}

/** Whether `step` (1-based, after its update) is a probe step. */
export function isProbeStep(state: LangState, step: number): boolean {
  return step % state.config.probeEvery === 0;
}

/**
 * Folds one probe of hint-free accuracy into each language's EMA, then switches: on -> off when the EMA reaches
 * tauOff; off -> on, with the clock set to T_l / 2, when the EMA falls below its value at switch-off minus deltaBack.
 * Languages missing from the probe keep their EMA.
 */
export function observeAccuracy(state: LangState, step: number, accuracyByLanguage: Readonly<Record<string, number>>): LangState {
  const { config } = state;
  const languages = { ...state.languages };
  const events = [...state.events];
  for (const [language, value] of Object.entries(accuracyByLanguage)) {
    const l = state.languages[language];
    if (l === undefined) throw new InputError(`lang: accuracy probe names ${language}, which the schedule does not have (${Object.keys(state.languages).join(', ')})`);
    const accuracyEma = config.emaAlpha * checkAccuracy(`lang: probe at step ${step}, ${language}`, value) + (1 - config.emaAlpha) * l.accuracyEma;
    if (l.on && accuracyEma >= config.tauOff) {
      languages[language] = { ...l, accuracyEma, on: false, fraction: 0, accuracyAtOff: accuracyEma };
      events.push({ step, language, to: 'off', reason: 'accuracy-reached', accuracyEma });
    } else if (!l.on && l.accuracyAtOff !== null && accuracyEma < l.accuracyAtOff - config.deltaBack) {
      const clock = l.horizon / 2;
      languages[language] = { ...l, accuracyEma, on: true, clock, fraction: decayedFraction(config, clock, l.horizon) };
      events.push({ step, language, to: 'on', reason: 'accuracy-dropped', accuracyEma });
    } else {
      languages[language] = { ...l, accuracyEma };
    }
  }
  return { ...state, languages, events };
}

/** LANG's config as the workflow carries it: the schedule, and how many eval problems per language a probe takes. */
export interface LangMethodConfig {
  schedule: LangConfig;
  /** Absent: the run's evaluation.problems. */
  probeProblems?: number;
}

/** What each rollout of a LANG run is told: the hint fraction per language, in whole units of `hintUnit`. */
export interface LangRolloutParameters {
  hintFractions: Record<string, number>;
  hintUnit: HintUnit;
}

function accuracies(byLanguage: Readonly<Record<string, { accuracy: number }>>): Record<string, number> {
  return Object.fromEntries(Object.entries(byLanguage).map(([language, e]) => [language, e.accuracy]));
}

/** LANG as the training workflow runs it: horizons from the base evaluation, hints per rollout, clocks, probes. */
export const langSchedule: MethodSchedule<LangMethodConfig, LangState, LangRolloutParameters> = {
  init: (config, base) => initLangState(config.schedule, Object.keys(base.byLanguage), accuracies(base.byLanguage)),
  rolloutParameters: (state) => ({ hintFractions: hintFractions(state), hintUnit: state.config.hintUnit ?? 'step' }),
  afterStep: advanceClocks,
  probe: {
    due: isProbeStep,
    problems: (config) => config.probeProblems,
    observe: (state, step, evaluation) => observeAccuracy(state, step, accuracies(evaluation.byLanguage)),
  },
};
