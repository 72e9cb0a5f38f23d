/**
 * Which languages a dataset holds: training languages (split 'train') take private-use codes from qaa upwards, test
 * languages (split 'eval', the project's held-out split) from qtz downwards. A language is drawn from (seed, code)
 * alone, so with one seed a test language never turns up as a training language, in this dataset or in any other
 * with more training languages (up to 520 in all).
 */
import type { ConlangConfig } from './config';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LAST_INDEX = 20 * 26 - 1;

export interface LanguageSlot {
  code: string;
  split: 'train' | 'eval';
}

export function languageSlots(config: Pick<ConlangConfig, 'trainLanguages' | 'testLanguages'>): LanguageSlot[] {
  return [
    ...Array.from({ length: config.trainLanguages }, (_, i): LanguageSlot => ({ code: codeAt(i), split: 'train' })),
    ...Array.from({ length: config.testLanguages }, (_, j): LanguageSlot => ({ code: codeAt(LAST_INDEX - j), split: 'eval' })),
  ];
}

function codeAt(index: number): string {
  return `q${LETTERS[Math.floor(index / 26)]}${LETTERS[index % 26]}`;
}
