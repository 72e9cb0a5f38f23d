/**
 * Draws a constructed language from (seed, code): sounds, typology, affixes and a lexicon. Every word form the
 * language can produce is checked to be unambiguous (one analysis per form) and not an English word, so a reader
 * with the grammar book can always take a sentence apart.
 */
import { Rng } from '../../core/rng';
import { CONLANG_RECORD_STREAM } from './config';
import { ENGLISH_ADJECTIVES, ENGLISH_NOUNS, ENGLISH_NUMERALS, ENGLISH_PRONOUNS, ENGLISH_VERBS, NOUN_CLASSES } from './englishLexicon';
import { looksEnglish } from './englishWords';
import {
  AGREEMENT_GLOSSES,
  SLOT_OF_GLOSS,
  TENSE_GLOSSES,
  type Affix,
  type AffixSlot,
  type ConLanguage,
  type Gloss,
  type Lexeme,
  type PartOfSpeech,
  type PhraseSlot,
  type WordOrder,
} from './language';
import { paradigmCells, surfaceOf, wordOf } from './morphology';
import { capitalize, generateAffixForm, generatePhonology, generateWord } from './phonology';

export const NOUNS_PER_CLASS = 3;
export const INTRANSITIVE_VERBS = 4;
export const TRANSITIVE_VERBS = 10;
export const ADJECTIVES = 8;

const MAX_DRAWS = 500;
const ALL_SLOTS: readonly AffixSlot[] = ['number', 'case', 'definiteness', 'tense', 'negation', 'agreement'];

type Typology = Omit<ConLanguage, 'code' | 'name' | 'split' | 'phonology' | 'lexicon' | 'affixes'>;

export function generateLanguage(seed: number | string, code: string, split: 'train' | 'eval'): ConLanguage {
  const rng = (stream: string) => Rng.derive(seed, CONLANG_RECORD_STREAM, code, stream);
  const phonology = generatePhonology(rng('phonology'));
  const typology = drawTypology(rng('typology'));
  const shell: ConLanguage = { code, name: '', split, phonology, lexicon: [], affixes: [], ...typology };
  shell.affixes = drawAffixes(rng('affixes'), shell);
  shell.lexicon = drawLexicon(rng('lexicon'), shell);
  shell.name = drawName(rng('name'), shell);
  return shell;
}

function drawTypology(rng: Rng): Typology {
  const wordOrder = rng.pick<WordOrder>(['SOV', 'SVO', 'VSO']);
  // Verb-final languages mark case far more often than verb-medial ones (Greenberg's universal 41, loosely).
  const caseMarking = rng.next() < (wordOrder === 'SOV' ? 0.8 : 0.45);
  const definiteness = rng.next() < 0.5 ? 'article' : 'affix';
  const negation = rng.pick(['particle-before', 'particle-after', 'affix'] as const);
  const phraseSlots: PhraseSlot[] = definiteness === 'article' ? ['numeral', 'adjective', 'noun', 'article'] : ['numeral', 'adjective', 'noun'];
  const slotOrder = rng.shuffle(ALL_SLOTS);
  const ordered = (present: readonly AffixSlot[]) => slotOrder.filter((s) => present.includes(s));
  const adjectiveAgreement = { number: rng.next() < 0.6, case: caseMarking && rng.next() < 0.5 };
  return {
    wordOrder,
    nounPhraseOrder: rng.shuffle(phraseSlots),
    affixOrder: {
      noun: ordered(['number', ...(caseMarking ? ['case' as const] : []), ...(definiteness === 'affix' ? ['definiteness' as const] : [])]),
      verb: ordered(['tense', ...(negation === 'affix' ? ['negation' as const] : []), 'agreement']),
      adjective: ordered([...(adjectiveAgreement.number ? ['number' as const] : []), ...(adjectiveAgreement.case ? ['case' as const] : [])]),
      pronoun: caseMarking ? ['case'] : [],
    },
    caseMarking,
    adjectiveAgreement,
    pluralAfterNumeral: rng.next() < 0.5,
    definiteness,
    negation,
  };
}

/** Distinct affix forms, redrawn until a few probe stems inflect without two cells sharing a form. */
function drawAffixes(rng: Rng, language: ConLanguage): Affix[] {
  const glosses: Gloss[] = [
    'PL',
    ...(language.caseMarking ? ['ACC' as const] : []),
    ...(language.definiteness === 'affix' ? ['DEF' as const] : []),
    ...TENSE_GLOSSES,
    ...(language.negation === 'affix' ? ['NEG' as const] : []),
    ...AGREEMENT_GLOSSES,
  ];
  // Languages lean one way (most suffix) but rarely use one side only.
  const preferred = rng.next() < 0.65 ? 'suffix' : 'prefix';
  const other = preferred === 'suffix' ? 'prefix' : 'suffix';
  const position = Object.fromEntries(ALL_SLOTS.map((slot) => [slot, rng.next() < 0.75 ? preferred : other])) as Record<
    AffixSlot,
    'prefix' | 'suffix'
  >;
  const zeroPresent = rng.next() < 0.5;
  const zeroThirdSingular = rng.next() < 0.4;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const used = new Set<string>();
    const affixes = glosses.map((gloss): Affix => {
      const zero = (gloss === 'PRS' && zeroPresent) || (gloss === '3SG' && zeroThirdSingular);
      let form = '';
      while (!zero && (form === '' || used.has(form))) form = generateAffixForm(rng, language.phonology);
      used.add(form);
      return { gloss, form, position: position[SLOT_OF_GLOSS[gloss]] };
    });
    const probe = { ...language, affixes };
    const probes = [0, 1, 2].map((i) => generateWord(rng, language.phonology, 2 + (i % 2)));
    const unambiguous = (['noun', 'verb', 'adjective', 'pronoun'] as const).every((pos) =>
      probes.every((stem) => formsOf(probe, { form: stem, pos, english: 'probe' }) !== undefined),
    );
    if (unambiguous) return affixes;
  }
  throw new Error(`language ${language.code}: no unambiguous affix system in ${MAX_DRAWS} draws`);
}

/** The lexeme's forms, one per paradigm cell, or undefined when two cells coincide. */
function formsOf(language: ConLanguage, lexeme: Lexeme): string[] | undefined {
  const forms = paradigmCells(language, lexeme.pos).map((glosses) => surfaceOf(language, wordOf(language, lexeme, glosses)));
  return new Set(forms).size === forms.length ? forms : undefined;
}

function drawLexicon(rng: Rng, language: ConLanguage): Lexeme[] {
  const concepts: Array<{ pos: PartOfSpeech; english: string; syllables: readonly number[] }> = [];
  const content = [2, 2, 2, 3, 3];
  for (const cls of NOUN_CLASSES) {
    const nouns = rng.shuffle(ENGLISH_NOUNS.filter((n) => n.class === cls)).slice(0, NOUNS_PER_CLASS);
    for (const n of nouns) concepts.push({ pos: 'noun', english: n.lemma, syllables: content });
  }
  const verbs = [
    ...rng.shuffle(ENGLISH_VERBS.filter((v) => !v.object)).slice(0, INTRANSITIVE_VERBS),
    ...rng.shuffle(ENGLISH_VERBS.filter((v) => v.object)).slice(0, TRANSITIVE_VERBS),
  ];
  for (const v of verbs) concepts.push({ pos: 'verb', english: v.lemma, syllables: content });
  for (const a of rng.shuffle(ENGLISH_ADJECTIVES).slice(0, ADJECTIVES)) concepts.push({ pos: 'adjective', english: a.lemma, syllables: content });
  for (const n of ENGLISH_NUMERALS) concepts.push({ pos: 'numeral', english: n.lemma, syllables: [1, 2, 2] });
  for (const p of ENGLISH_PRONOUNS) concepts.push({ pos: 'pronoun', english: p.lemma, syllables: [1, 2] });
  if (language.definiteness === 'article') concepts.push({ pos: 'article', english: 'the', syllables: [1] });
  if (language.negation !== 'affix') concepts.push({ pos: 'particle', english: 'not', syllables: [1] });

  const taken = new Set<string>();
  return concepts.map(({ pos, english, syllables }) => {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const lexeme = { form: generateWord(rng, language.phonology, rng.pick(syllables)), pos, english };
      const forms = formsOf(language, lexeme);
      if (!forms || forms.some((f) => taken.has(f) || looksEnglish(f))) continue;
      for (const f of forms) taken.add(f);
      return lexeme;
    }
    throw new Error(`language ${language.code}: no unambiguous word for ${pos} "${english}" in ${MAX_DRAWS} draws`);
  });
}

function drawName(rng: Rng, language: ConLanguage): string {
  const words = new Set(language.lexicon.map((l) => l.form));
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const word = generateWord(rng, language.phonology, 2 + rng.int(2));
    if (!words.has(word) && !looksEnglish(word)) return capitalize(word);
  }
  throw new Error(`language ${language.code}: no name in ${MAX_DRAWS} draws`);
}
