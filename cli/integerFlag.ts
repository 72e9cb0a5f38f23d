import { InputError } from '../core/errors';

/** An integer command-line value, or an InputError (exit 2) naming the flag and the bound. */
export function integerFlag(flag: string, text: string, min = Number.NEGATIVE_INFINITY): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min) {
    throw new InputError(`${flag} must be an integer${Number.isFinite(min) ? ` >= ${min}` : ''}, got "${text}"`);
  }
  return value;
}
