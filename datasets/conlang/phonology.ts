/** Seeded sound inventories and the pronounceable words and affixes built from their syllables. */
import type { Rng } from '../../core/rng';
import type { Phonology, SyllableShape } from './language';

const CONSONANT_POOL = ['p', 't', 'k', 'b', 'd', 'g', 'm', 'n', 's', 'l', 'r', 'f', 'v', 'z', 'h', 'w', 'j', 'š', 'č', 'ž', 'x'];
const BASIC_VOWELS = ['a', 'e', 'i', 'o', 'u'];
const EXTRA_VOWELS = ['ä', 'ö', 'ü', 'á', 'é', 'í', 'ó', 'ú', 'y'];
/** Sounds that close syllables in most languages that allow closed syllables at all. */
const CODA_POOL = ['n', 'm', 'l', 'r', 's', 'k'];

export function generatePhonology(rng: Rng): Phonology {
  // m, n and t anchor every inventory: languages without nasals or /t/ are vanishingly rare.
  const others = rng.shuffle(CONSONANT_POOL.filter((c) => !['m', 'n', 't'].includes(c)));
  const consonants = sortLike(CONSONANT_POOL, ['m', 'n', 't', ...others.slice(0, 6 + rng.int(6))]);
  const vowels = sortLike(
    [...BASIC_VOWELS, ...EXTRA_VOWELS],
    ['a', 'i', ...rng.shuffle(['e', 'o', 'u']).slice(0, 1 + rng.int(3)), ...rng.shuffle(EXTRA_VOWELS).slice(0, rng.int(3))],
  );
  const shapes: SyllableShape[] = ['CV'];
  if (rng.next() < 0.6) shapes.push('CVC');
  if (rng.next() < 0.5) shapes.push('V');
  const codaCandidates = CODA_POOL.filter((c) => consonants.includes(c));
  const codas = shapes.includes('CVC') ? sortLike(CODA_POOL, rng.shuffle(codaCandidates).slice(0, 2 + rng.int(3))) : [];
  return { consonants, vowels, codas, shapes, linkingConsonant: rng.pick(consonants) };
}

/** A word of `syllables` syllables; a vowel-only syllable may only start the word, so vowels never meet inside it. */
export function generateWord(rng: Rng, phonology: Phonology, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) {
    const shapes = phonology.shapes.filter((s) => s !== 'V' || i === 0);
    const shape = rng.pick(shapes);
    if (shape === 'V') word += rng.pick(phonology.vowels);
    else word += rng.pick(phonology.consonants) + rng.pick(phonology.vowels);
    if (shape === 'CVC' && i < syllables - 1) word += rng.pick(phonology.codas);
    if (shape === 'CVC' && i === syllables - 1 && rng.next() < 0.5) word += rng.pick(phonology.codas);
  }
  return word;
}

/** One syllable: CV, or VC / CVC where the language closes syllables. */
export function generateAffixForm(rng: Rng, phonology: Phonology): string {
  const shapes = ['CV'];
  if (phonology.codas.length > 0) shapes.push('VC', 'CVC');
  const shape = rng.pick(shapes);
  const onset = shape === 'VC' ? '' : rng.pick(phonology.consonants);
  const coda = shape === 'CV' ? '' : rng.pick(phonology.codas);
  return onset + rng.pick(phonology.vowels) + coda;
}

/** Joins two morphemes, inserting the linking consonant between two vowels. */
export function joinMorphemes(phonology: Pick<Phonology, 'vowels' | 'linkingConsonant'>, left: string, right: string): string {
  if (left === '' || right === '') return left + right;
  const meet = phonology.vowels.includes(left[left.length - 1]) && phonology.vowels.includes(right[0]);
  return meet ? left + phonology.linkingConsonant + right : left + right;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

function sortLike(order: readonly string[], items: readonly string[]): string[] {
  return [...new Set(items)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
