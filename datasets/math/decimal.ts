/**
 * Exact decimal arithmetic for generated math problems. Every quantity is held as an integer number of hundredths,
 * so sums and differences are exact, and products, quotients and percentages are checked to land on whole
 * hundredths: a template whose number ranges could produce a rounded answer fails loudly instead of writing float
 * noise ("0.30000000000000004") into a dataset.
 */

/** A quantity in hundredths: 1234.5 is 123450. */
export type Hundredths = number;

export type MathOp = 'add' | 'sub' | 'mul' | 'div' | 'percent';

/** One machine-readable solution step: `percent` means "b percent of a", i.e. a * b / 100. */
export interface StepOp {
  op: MathOp;
  a: string;
  b: string;
  result: string;
}

export function hundredths(units: number): Hundredths {
  const h = Math.round(units * 100);
  if (Math.abs(h - units * 100) > 1e-6) throw new RangeError(`${units} has more than two decimals`);
  return h;
}

function exactQuotient(numerator: number, denominator: number, what: string): Hundredths {
  if (denominator === 0) throw new RangeError(`${what}: division by zero`);
  if (numerator % denominator !== 0) throw new RangeError(`${what} is not a whole number of hundredths`);
  return numerator / denominator;
}

export function applyOp(op: MathOp, a: Hundredths, b: Hundredths): Hundredths {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return exactQuotient(a * b, 100, `${a}/100 * ${b}/100`);
    case 'div':
      return exactQuotient(a * 100, b, `${a}/100 / ${b}/100`);
    case 'percent':
      return exactQuotient(a * b, 10000, `${b}/100 % of ${a}/100`);
  }
}

/** Canonical decimal text: no exponent, no grouping, no trailing zeros ("1234.5", "7", "-0.25"). */
export function toCanonical(value: Hundredths): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number of hundredths: ${value}`);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}
