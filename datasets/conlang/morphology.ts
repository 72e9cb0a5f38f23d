/** Building inflected words from a stem and glosses, and listing every form a lexeme can take. */
import {
  affixOf,
  AGREEMENT_GLOSSES,
  SLOT_OF_GLOSS,
  TENSE_GLOSSES,
  type ConLanguage,
  type Gloss,
  type InflectedPos,
  type Lexeme,
  type PartOfSpeech,
} from './language';
import { joinMorphemes } from './phonology';

/** A word as morphemes: the stem and the affixes it takes, from the stem outwards (zero affixes left out). */
export interface Word {
  lexeme: Lexeme;
  affixes: Array<{ gloss: Gloss; form: string; position: 'prefix' | 'suffix' }>;
}

export function isInflected(pos: PartOfSpeech): pos is InflectedPos {
  return pos === 'noun' || pos === 'verb' || pos === 'adjective' || pos === 'pronoun';
}

/** Orders the glosses by the language's affix slots for the word class and drops zero affixes. */
export function wordOf(language: ConLanguage, lexeme: Lexeme, glosses: readonly Gloss[]): Word {
  const slots = isInflected(lexeme.pos) ? language.affixOrder[lexeme.pos] : [];
  const unplaced = glosses.filter((g) => !slots.includes(SLOT_OF_GLOSS[g]));
  if (unplaced.length > 0) throw new Error(`${lexeme.pos} "${lexeme.english}" in ${language.code} takes no ${unplaced.join(', ')}`);
  const affixes = slots.flatMap((slot) => glosses.filter((g) => SLOT_OF_GLOSS[g] === slot).map((g) => affixOf(language, g)));
  return { lexeme, affixes: affixes.filter((a) => a.form !== '') };
}

export function surfaceOf(language: ConLanguage, word: Word): string {
  let form = word.lexeme.form;
  for (const affix of word.affixes) {
    form = affix.position === 'prefix' ? joinMorphemes(language.phonology, affix.form, form) : joinMorphemes(language.phonology, form, affix.form);
  }
  return form;
}

/** Leipzig-style segmentation and gloss of a word: "ra-tapi-m" / "PST-see-1SG". */
export function segmentationOf(word: Word): { morphemes: string; glosses: string } {
  let morphemes = word.lexeme.form;
  let glosses = word.lexeme.english.replace(/ /g, '.');
  for (const affix of word.affixes) {
    morphemes = affix.position === 'prefix' ? `${affix.form}-${morphemes}` : `${morphemes}-${affix.form}`;
    glosses = affix.position === 'prefix' ? `${affix.gloss}-${glosses}` : `${glosses}-${affix.gloss}`;
  }
  return { morphemes, glosses };
}

/** Every gloss combination a word of this class can carry in the language. */
export function paradigmCells(language: ConLanguage, pos: PartOfSpeech): Gloss[][] {
  const options = (gloss: Gloss, present: boolean): Gloss[][] => (present ? [[], [gloss]] : [[]]);
  switch (pos) {
    case 'noun':
      return product([
        options('PL', true),
        options('ACC', language.caseMarking),
        options('DEF', language.definiteness === 'affix'),
      ]);
    case 'verb':
      return product([
        TENSE_GLOSSES.map((g) => [g]),
        options('NEG', language.negation === 'affix'),
        AGREEMENT_GLOSSES.map((g) => [g]),
      ]);
    case 'adjective':
      return product([options('PL', language.adjectiveAgreement.number), options('ACC', language.adjectiveAgreement.case)]);
    case 'pronoun':
      return options('ACC', language.caseMarking);
    default:
      return [[]];
  }
}

function product(choices: Gloss[][][]): Gloss[][] {
  return choices.reduce<Gloss[][]>((acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, ...o])), [[]]);
}
