/**
 * The problem templates: which numbers a problem draws, how its reference solution computes from them, and what
 * each intermediate result means (the ExpRL rubric). The wording lives in text/<language>.ts; a template here is
 * language-free, so one drawn instance is rendered identically in every language (parallel data for Luar).
 *
 * Number ranges are chosen so every result is exact in hundredths (see decimal.ts) and every count of things is at
 * least 2, which keeps plural agreement simple in every language. Money is always whole, so prices never read
 * "12,5 €"; only litres, kilograms and kilometres carry decimals.
 */
import type { Rng } from '../../core/rng';
import { hundredths, type Hundredths, type MathOp } from './decimal';

/** The named values of each template: its givens followed by the result of each step. */
export const TEMPLATE_VALUE_KEYS = {
  add_items: ['a', 'b', 'total'],
  water_left: ['a', 'b', 'left'],
  boxes_total: ['boxes', 'per', 'total'],
  share_equally: ['total', 'kids', 'each'],
  price_per_kg: ['kg', 'cost', 'rate'],
  percent_of_class: ['students', 'pct', 'walk'],
  shop_change: ['n', 'price', 'paid', 'cost', 'change'],
  discount: ['price', 'pct', 'disc', 'final'],
  distance_rate: ['km', 'liters', 'more', 'rate', 'far'],
  bakery: ['trays', 'per', 'sold', 'box', 'total', 'rest', 'boxes'],
  savings: ['wage', 'hours', 'pct', 'earned', 'spent', 'saved'],
  market_change: [
    'apples',
    'applePrice',
    'oranges',
    'orangePrice',
    'paid',
    'appleCost',
    'orangeCost',
    'total',
    'change',
  ],
  fundraiser: [
    'cupcakes',
    'cupcakePrice',
    'cookies',
    'cookiePrice',
    'classes',
    'cupcakeMoney',
    'cookieMoney',
    'total',
    'each',
  ],
} as const;

export type TemplateId = keyof typeof TEMPLATE_VALUE_KEYS;
export type ValueKey<T extends TemplateId> = (typeof TEMPLATE_VALUE_KEYS)[T][number];

export interface SolutionStep<K extends string> {
  result: K;
  op: MathOp;
  a: K;
  b: K;
  /** What the result is, in English: the rubric checkpoint's `what`. */
  what: string;
}

export interface TemplateSpec<T extends TemplateId> {
  id: T;
  /** Eval-only templates never appear in train, so eval also measures unseen problem shapes. */
  evalOnly: boolean;
  /** Values shown as percentages ("25 %") rather than plain numbers. */
  percentKeys: ReadonlyArray<ValueKey<T>>;
  /** Draws the givens (in hundredths); the step results are computed from them, never drawn. */
  draw(rng: Rng): Partial<Record<ValueKey<T>, Hundredths>>;
  steps: ReadonlyArray<SolutionStep<ValueKey<T>>>;
}

/** Uniform integer in [lo, hi] (whole units), as hundredths. */
function whole(rng: Rng, lo: number, hi: number): Hundredths {
  return hundredths(lo + rng.int(hi - lo + 1));
}

/** Uniform multiple of `step` in [lo, hi], as hundredths (for 0.25 L or 0.5 kg steps). */
function stepped(rng: Rng, lo: number, hi: number, step: number): Hundredths {
  const count = Math.round((hi - lo) / step) + 1;
  return hundredths(lo + step * rng.int(count));
}

function pickWhole(rng: Rng, choices: readonly number[]): Hundredths {
  return hundredths(rng.pick(choices));
}

/** Money handed over: one of the two smallest round amounts that cover the cost and leave some change. */
function roundPayment(rng: Rng, cost: Hundredths): Hundredths {
  return pickWhole(
    rng,
    [20, 50, 100, 200, 500].filter((amount) => hundredths(amount) > cost).slice(0, 2),
  );
}

const PERCENTS_OF_FIVE = [5, 10, 15, 20, 25, 30, 40, 50, 60, 75];

export const TEMPLATES: { [T in TemplateId]: TemplateSpec<T> } = {
  add_items: {
    id: 'add_items',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => ({ a: whole(rng, 12, 95), b: whole(rng, 5, 60) }),
    steps: [{ result: 'total', op: 'add', a: 'a', b: 'b', what: 'apples Maria has now' }],
  },
  water_left: {
    id: 'water_left',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      const a = stepped(rng, 1.5, 5, 0.25);
      return { a, b: stepped(rng, 0.25, a / 100 - 0.25, 0.25) };
    },
    steps: [{ result: 'left', op: 'sub', a: 'a', b: 'b', what: 'litres of water left' }],
  },
  boxes_total: {
    id: 'boxes_total',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => ({ boxes: whole(rng, 3, 12), per: whole(rng, 6, 24) }),
    steps: [{ result: 'total', op: 'mul', a: 'boxes', b: 'per', what: 'pencils in total' }],
  },
  share_equally: {
    id: 'share_equally',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      const kids = whole(rng, 2, 9);
      return { kids, total: (kids * whole(rng, 3, 25)) / 100 };
    },
    steps: [{ result: 'each', op: 'div', a: 'total', b: 'kids', what: 'cookies per child' }],
  },
  price_per_kg: {
    id: 'price_per_kg',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      // Half kilograms times even prices keep the total cost whole.
      const kg = stepped(rng, 2, 8, 0.5);
      return { kg, cost: (kg * pickWhole(rng, [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 30])) / 100 };
    },
    steps: [{ result: 'rate', op: 'div', a: 'cost', b: 'kg', what: 'price of rice per kilogram' }],
  },
  percent_of_class: {
    id: 'percent_of_class',
    evalOnly: false,
    percentKeys: ['pct'],
    // A multiple of 20 students times a multiple of 5 percent is a whole number of students.
    draw: (rng) => ({ students: whole(rng, 10, 60) * 20, pct: pickWhole(rng, PERCENTS_OF_FIVE) }),
    steps: [{ result: 'walk', op: 'percent', a: 'students', b: 'pct', what: 'students who walk to school' }],
  },
  shop_change: {
    id: 'shop_change',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      const n = whole(rng, 2, 9);
      const price = whole(rng, 2, 15);
      return { n, price, paid: roundPayment(rng, (n * price) / 100) };
    },
    steps: [
      { result: 'cost', op: 'mul', a: 'n', b: 'price', what: 'cost of the notebooks' },
      { result: 'change', op: 'sub', a: 'paid', b: 'cost', what: 'change received' },
    ],
  },
  discount: {
    id: 'discount',
    evalOnly: false,
    percentKeys: ['pct'],
    draw: (rng) => ({ price: whole(rng, 2, 60) * 20, pct: pickWhole(rng, PERCENTS_OF_FIVE) }),
    steps: [
      { result: 'disc', op: 'percent', a: 'price', b: 'pct', what: 'discount amount' },
      { result: 'final', op: 'sub', a: 'price', b: 'disc', what: 'price after the discount' },
    ],
  },
  distance_rate: {
    id: 'distance_rate',
    evalOnly: true,
    percentKeys: [],
    draw: (rng) => {
      const rate = whole(rng, 8, 20);
      const liters = stepped(rng, 2, 6, 0.5);
      let more = stepped(rng, 3, 12, 0.5);
      if (more === liters) more += 100;
      return { liters, more, km: (rate * liters) / 100 };
    },
    steps: [
      { result: 'rate', op: 'div', a: 'km', b: 'liters', what: 'kilometres per litre' },
      { result: 'far', op: 'mul', a: 'rate', b: 'more', what: 'kilometres on the second amount of fuel' },
    ],
  },
  bakery: {
    id: 'bakery',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      const trays = whole(rng, 3, 8);
      const per = whole(rng, 6, 24);
      const box = pickWhole(rng, [2, 3, 4, 6]);
      const total = (trays * per) / 100;
      // At least two boxes filled and at least two muffins sold.
      const boxesFilled = whole(rng, 2, Math.floor((total - 200) / box));
      return { trays, per, box, sold: total - (boxesFilled * box) / 100 };
    },
    steps: [
      { result: 'total', op: 'mul', a: 'trays', b: 'per', what: 'muffins baked' },
      { result: 'rest', op: 'sub', a: 'total', b: 'sold', what: 'muffins left after the sale' },
      { result: 'boxes', op: 'div', a: 'rest', b: 'box', what: 'boxes filled' },
    ],
  },
  savings: {
    id: 'savings',
    evalOnly: false,
    percentKeys: ['pct'],
    // Hours in multiples of 20 make the earnings a multiple of 20, so any multiple of 5 percent is whole money.
    draw: (rng) => ({
      wage: whole(rng, 8, 25),
      hours: whole(rng, 1, 8) * 20,
      pct: pickWhole(rng, [10, 20, 25, 30, 40, 50, 60, 75, 80]),
    }),
    steps: [
      { result: 'earned', op: 'mul', a: 'wage', b: 'hours', what: 'earnings this month' },
      { result: 'spent', op: 'percent', a: 'earned', b: 'pct', what: 'amount spent' },
      { result: 'saved', op: 'sub', a: 'earned', b: 'spent', what: 'amount saved' },
    ],
  },
  market_change: {
    id: 'market_change',
    evalOnly: false,
    percentKeys: [],
    draw: (rng) => {
      const evenPrices = [2, 4, 6, 8, 10, 12];
      const apples = stepped(rng, 1.5, 4, 0.5);
      const applePrice = pickWhole(rng, evenPrices);
      const oranges = stepped(rng, 1.5, 4, 0.5);
      const orangePrice = pickWhole(rng, evenPrices);
      const total = (apples * applePrice + oranges * orangePrice) / 100;
      return { apples, applePrice, oranges, orangePrice, paid: roundPayment(rng, total) };
    },
    steps: [
      { result: 'appleCost', op: 'mul', a: 'apples', b: 'applePrice', what: 'cost of the apples' },
      { result: 'orangeCost', op: 'mul', a: 'oranges', b: 'orangePrice', what: 'cost of the oranges' },
      { result: 'total', op: 'add', a: 'appleCost', b: 'orangeCost', what: 'total cost' },
      { result: 'change', op: 'sub', a: 'paid', b: 'total', what: 'change received' },
    ],
  },
  fundraiser: {
    id: 'fundraiser',
    evalOnly: true,
    percentKeys: [],
    draw: (rng) => {
      // Prices that are multiples of the number of classes make the takings divide evenly.
      const classes = whole(rng, 2, 5);
      return {
        classes,
        cupcakes: whole(rng, 10, 60),
        cupcakePrice: (classes * whole(rng, 1, 4)) / 100,
        cookies: whole(rng, 10, 80),
        cookiePrice: (classes * whole(rng, 1, 3)) / 100,
      };
    },
    steps: [
      { result: 'cupcakeMoney', op: 'mul', a: 'cupcakes', b: 'cupcakePrice', what: 'money from cupcakes' },
      { result: 'cookieMoney', op: 'mul', a: 'cookies', b: 'cookiePrice', what: 'money from cookies' },
      { result: 'total', op: 'add', a: 'cupcakeMoney', b: 'cookieMoney', what: 'total money raised' },
      { result: 'each', op: 'div', a: 'total', b: 'classes', what: 'money per class' },
    ],
  },
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function templateHops(id: TemplateId): number {
  return TEMPLATES[id].steps.length;
}

export interface RenderedText {
  question: string;
  steps: string[];
}

/**
 * A language's wording of every template. `v` holds the values as the language writes them (digits, separators,
 * percent sign); `n` the plain numbers, for languages whose nouns agree with the count (Russian).
 */
export type TemplateTexts = {
  [T in TemplateId]: (v: Record<ValueKey<T>, string>, n: Record<ValueKey<T>, number>) => RenderedText;
};
