import { InputError } from '../../core/errors';
import {
  advanceClocks,
  decayedFraction,
  hintFractions,
  initLangState,
  isProbeStep,
  observeAccuracy,
  resolveLangConfig,
  type LangConfig,
  type LangState,
} from '../../recipes/lang';

const config = (over: Partial<LangConfig> = {}, runSteps = 40): LangConfig => resolveLangConfig(over, runSteps);

/** Deep-frozen, so a function that mutated its input state would throw. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

describe('LANG hint decay', () => {
  const T = 40;
  it.each([
    ['linear', [1, 0.75, 0.5, 0.25]],
    ['cosine', [1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2]],
    ['exponential', [1, Math.exp(-1.25), Math.exp(-2.5), Math.exp(-3.75)]],
  ] as const)('%s: h0 * s(t / T) at t = 0, T/4, T/2, 3T/4, and 0 from T on', (decay, shape) => {
    const c = config({ decay, h0: 0.6 });
    [0, 10, 20, 30].forEach((t, i) => expect(decayedFraction(c, t, T)).toBeCloseTo(0.6 * shape[i], 12));
    expect(decayedFraction(c, T, T)).toBe(0);
    expect(decayedFraction(c, T + 7, T)).toBe(0);
  });

  it('fills the defaults of METHODS.md, with T_base half the run', () => {
    expect(config({}, 60)).toEqual({ h0: 0.6, decay: 'cosine', baseHorizon: 30, kappa: 1, tauOff: 0.9, deltaBack: 0.1, emaAlpha: 0.3, probeEvery: 5, hintUnit: 'step' });
  });

  it('rejects a bad config naming the field', () => {
    expect(() => resolveLangConfig({ h0: 1.5 }, 10, 'lang-tiny.yaml: lang')).toThrow(new InputError('lang-tiny.yaml: lang.h0: must be in (0, 1], got 1.5'));
    expect(() => resolveLangConfig({ decay: 'step' as never }, 10)).toThrow(/lang.decay: must be one of linear, cosine, exponential/);
    expect(() => resolveLangConfig({ probeEvery: 2.5 }, 10)).toThrow(/lang.probeEvery: must be a positive integer/);
    expect(() => resolveLangConfig({ hintUnit: 'token' as never }, 10)).toThrow(/lang.hintUnit: must be one of step, word, got "token"/);
    expect(() => resolveLangConfig({ tau: 0.9 } as never, 10)).toThrow(/lang: unknown field tau/);
    expect(() => resolveLangConfig({}, 0)).toThrow(/steps must be a positive integer/);
  });
});

describe('LANG clocks and horizons', () => {
  it('gives harder languages longer horizons: T_l = T_base (1 + kappa (1 - a_l0))', () => {
    const state = initLangState(config({ baseHorizon: 20 }), ['en', 'sw', 'zh'], { en: 0.8, sw: 0.2, zh: 0 });
    expect(state.languages.en.horizon).toBeCloseTo(24, 12);
    expect(state.languages.sw.horizon).toBeCloseTo(36, 12);
    expect(state.languages.zh.horizon).toBe(40);
    const flat = initLangState(config({ baseHorizon: 20, kappa: 0 }), ['en', 'sw'], { en: 0.8, sw: 0.2 });
    expect(flat.languages.sw.horizon).toBe(flat.languages.en.horizon);
  });

  it('starts every language on at h0 and advances only the clocks of languages whose hints are on', () => {
    let state = frozen(initLangState(config({ baseHorizon: 10 }), ['es', 'sw'], { es: 0.5, sw: 0.5 }));
    expect(hintFractions(state)).toEqual({ es: 0.6, sw: 0.6 });
    // es reaches the accuracy threshold at once (alpha 1) and goes off; sw stays on.
    state = frozen(observeAccuracy({ ...state, config: { ...state.config, emaAlpha: 1 } }, 0, { es: 0.95 }));
    for (let step = 1; step <= 4; step++) state = frozen(advanceClocks(state, step));
    expect(state.languages.es).toMatchObject({ on: false, clock: 0, fraction: 0 });
    expect(state.languages.sw).toMatchObject({ on: true, clock: 4 });
    expect(hintFractions(state).es).toBe(0);
    expect(hintFractions(state).sw).toBeCloseTo(decayedFraction(state.config, 4, 15), 12);
  });

  it('rejects missing or out-of-range base accuracy and duplicate languages', () => {
    expect(() => initLangState(config(), ['en', 'sw'], { en: 0.5 })).toThrow(new InputError('lang: base accuracy of sw: accuracy must be in [0, 1], got undefined'));
    expect(() => initLangState(config(), ['en'], { en: 1.2 })).toThrow(/accuracy must be in \[0, 1\], got 1.2/);
    expect(() => initLangState(config(), ['en', 'en'], { en: 0.5 })).toThrow(/en listed twice/);
    expect(() => initLangState(config(), [], {})).toThrow(/no languages/);
  });

  it('keeps its state as plain JSON (workflow state survives continue-as-new unchanged)', () => {
    let state = initLangState(config({ baseHorizon: 5 }), ['es', 'zh'], { es: 0.3, zh: 0.1 });
    for (let step = 1; step <= 8; step++) state = advanceClocks(state, step);
    state = observeAccuracy(state, 8, { es: 0.4 });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('LANG switch', () => {
  it('switches off when the accuracy EMA reaches tauOff, and records the event', () => {
    let state = initLangState(config(), ['sw'], { sw: 0.5 });
    const emas: number[] = [];
    for (let probe = 1; probe <= 5; probe++) {
      state = observeAccuracy(state, probe * 5, { sw: 1 });
      emas.push(state.languages.sw.accuracyEma);
    }
    // EMA 0.5 -> 0.65 -> 0.755 -> 0.8285 -> 0.87995 -> 0.915965: the fifth probe crosses 0.9.
    expect(emas.map((e) => Number(e.toFixed(6)))).toEqual([0.65, 0.755, 0.8285, 0.87995, 0.915965]);
    expect(state.languages.sw).toMatchObject({ on: false, fraction: 0 });
    expect(state.languages.sw.accuracyAtOff).toBeCloseTo(0.915965, 9);
    expect(state.events).toEqual([{ step: 25, language: 'sw', to: 'off', reason: 'accuracy-reached', accuracyEma: emas[4] }]);
    expect(hintFractions(state)).toEqual({ sw: 0 });
  });

  it('switches off when the decay reaches 0, at the step whose clock reaches the horizon', () => {
    let state = initLangState(config({ baseHorizon: 3, decay: 'linear' }), ['en', 'zh'], { en: 1, zh: 0 });
    for (let step = 1; step <= 6; step++) state = advanceClocks(state, step);
    expect(state.events).toEqual([
      { step: 3, language: 'en', to: 'off', reason: 'decay-end', accuracyEma: 1 },
      { step: 6, language: 'zh', to: 'off', reason: 'decay-end', accuracyEma: 0 },
    ]);
    expect(state.languages.zh).toMatchObject({ on: false, clock: 6, accuracyAtOff: 0 });
  });

  it('switches back on with t_l = T_l / 2 once the EMA falls below its value at switch-off minus deltaBack', () => {
    let state = initLangState(config({ baseHorizon: 10, decay: 'linear', emaAlpha: 1 }), ['de'], { de: 0.5 });
    state = observeAccuracy(state, 5, { de: 0.92 });
    expect(state.languages.de.on).toBe(false);
    // 0.83 is within deltaBack of 0.92: still off.
    state = observeAccuracy(state, 10, { de: 0.83 });
    expect(state.languages.de.on).toBe(false);
    state = observeAccuracy(state, 15, { de: 0.8 });
    expect(state.languages.de).toMatchObject({ on: true, clock: 7.5, accuracyEma: 0.8 });
    expect(hintFractions(state).de).toBeCloseTo(0.3, 12);
    expect(state.events.map((e) => [e.step, e.to, e.reason])).toEqual([
      [5, 'off', 'accuracy-reached'],
      [15, 'on', 'accuracy-dropped'],
    ]);
    state = advanceClocks(state, 16);
    expect(state.languages.de.clock).toBe(8.5);
  });

  it('never switches a language back on that was never off, and rejects probes of unknown languages or bad values', () => {
    const state = initLangState(config(), ['de'], { de: 0.5 });
    expect(observeAccuracy(state, 5, { de: 0 }).events).toEqual([]);
    expect(() => observeAccuracy(state, 5, { fr: 0.5 })).toThrow(new InputError('lang: accuracy probe names fr, which the schedule does not have (de)'));
    expect(() => observeAccuracy(state, 5, { de: Number.NaN })).toThrow(/probe at step 5, de: accuracy must be in \[0, 1\]/);
  });

  it('probes every probeEvery steps', () => {
    const state = initLangState(config({ probeEvery: 4 }), ['de'], { de: 0.5 });
    expect([1, 2, 3, 4, 5, 8, 12].filter((s) => isProbeStep(state, s))).toEqual([4, 8, 12]);
  });
});

describe('LANG over a 60-step run', () => {
  /** The loop the workflow runs: fractions for the rollout, update, clocks, probe. */
  function simulate(state: LangState, steps: number, accuracyAt: (step: number, language: string) => number): { state: LangState; fractions: Array<Record<string, number>> } {
    const fractions: Array<Record<string, number>> = [];
    for (let step = 1; step <= steps; step++) {
      fractions.push(hintFractions(state));
      state = advanceClocks(state, step);
      if (isProbeStep(state, step)) {
        state = observeAccuracy(state, step, Object.fromEntries(Object.keys(state.languages).map((l) => [l, accuracyAt(step, l)])));
      }
    }
    return { state, fractions };
  }

  it('records fractions that follow the configured curve of each language clock, through switches off and back on', () => {
    const c = config({ probeEvery: 5, decay: 'cosine', emaAlpha: 1 }, 60);
    const initial = initLangState(c, ['en', 'es', 'sw'], { en: 0.8, es: 0.4, sw: 0 });
    // es is solved at step 20 and slips at step 35; sw and en never reach tauOff.
    const accuracyAt = (step: number, language: string) => (language === 'es' ? (step >= 20 && step < 35 ? 0.95 : 0.5) : language === 'en' ? 0.8 : 0.1);
    const { state, fractions } = simulate(initial, 60, accuracyAt);

    const horizons = { en: 30 * 1.2, es: 30 * 1.6, sw: 60 };
    expect(Object.fromEntries(Object.entries(state.languages).map(([l, s]) => [l, s.horizon]))).toEqual({ en: expect.closeTo(horizons.en, 12), es: expect.closeTo(horizons.es, 12), sw: 60 });
    // en and sw are on from step 1: the fraction used at step s is h0 * s((s - 1) / T), and 0 once the clock reaches T.
    fractions.forEach((f, i) => {
      expect(f.en).toBeCloseTo(i < horizons.en ? 0.6 * (1 + Math.cos((Math.PI * i) / horizons.en)) / 2 : 0, 12);
      expect(f.sw).toBeCloseTo(0.6 * (1 + Math.cos((Math.PI * i) / 60)) / 2, 12);
    });
    // es: on for steps 1..20 (clock 0..19), off for steps 21..35, back on at clock T/2 = 24 from step 36.
    fractions.forEach((f, i) => {
      const step = i + 1;
      const clock = step <= 20 ? step - 1 : step <= 35 ? null : 24 + (step - 36);
      const expected = clock === null || clock >= horizons.es ? 0 : 0.6 * (1 + Math.cos((Math.PI * clock) / horizons.es)) / 2;
      expect([step, f.es]).toEqual([step, expect.closeTo(expected, 12)]);
    });
    expect(state.events).toEqual([
      { step: 20, language: 'es', to: 'off', reason: 'accuracy-reached', accuracyEma: 0.95 },
      { step: 35, language: 'es', to: 'on', reason: 'accuracy-dropped', accuracyEma: 0.5 },
      { step: 36, language: 'en', to: 'off', reason: 'decay-end', accuracyEma: 0.8 },
      { step: 59, language: 'es', to: 'off', reason: 'decay-end', accuracyEma: 0.5 },
      { step: 60, language: 'sw', to: 'off', reason: 'decay-end', accuracyEma: 0.1 },
    ]);
    // The fractions fall monotonically while a language is on and its clock runs.
    for (let i = 1; i < 20; i++) expect(fractions[i].es).toBeLessThan(fractions[i - 1].es);
  });
});
