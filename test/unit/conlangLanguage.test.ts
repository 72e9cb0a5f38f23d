/**
 * Constructed languages (datasets/conlang): the rules a language states are the rules its sentences follow (word
 * order, noun-phrase order, case, agreement, negation, the linking consonant), every form is unambiguous and not
 * English, the book lists every word, and a translator reading only the book text reproduces every sentence.
 */
import { Rng } from '../../core/rng';
import { InputError } from '../../core/errors';
import { allBookSentences, drawBookSentences } from '../../datasets/conlang/bookExamples';
import { bookTranslator } from '../../datasets/conlang/bookTranslator';
import { englishSentence, personOf } from '../../datasets/conlang/english';
import { ENGLISH_NUMERALS } from '../../datasets/conlang/englishLexicon';
import { looksEnglish } from '../../datasets/conlang/englishWords';
import { generateLanguage } from '../../datasets/conlang/generateLanguage';
import { writeGrammarBook } from '../../datasets/conlang/grammarBook';
import type { ConLanguage } from '../../datasets/conlang/language';
import { paradigmCells, surfaceOf, wordOf } from '../../datasets/conlang/morphology';
import { drawPairSentences } from '../../datasets/conlang/pairs';
import { conlangSentence, interlinearGloss } from '../../datasets/conlang/realize';
import { drawSentence, type NounPhrase, type Sentence } from '../../datasets/conlang/sentence';

const SEED = 'conlang-unit';
const languages = Array.from({ length: 24 }, (_, i) => generateLanguage(SEED, `qa${'abcdefghijklmnopqrstuvwxyz'[i]}`, 'train'));
const books = new Map(languages.map((l) => [l.code, writeGrammarBook(l, drawBookSentences(SEED, l, 8))]));

function sentencesOf(language: ConLanguage, count: number): Sentence[] {
  const rng = Rng.derive(SEED, language.code, 'test-sentences');
  return Array.from({ length: count }, () => drawSentence(rng, language));
}

/** Rebuilds a surface word from its segmentation with the stated linking rule (independent of the generator). */
function joinSegments(language: ConLanguage, morphemes: string): string {
  const { vowels, linkingConsonant } = language.phonology;
  return morphemes.split('-').reduce((word, part) => (vowels.includes(word[word.length - 1]) && vowels.includes(part[0]) ? word + linkingConsonant + part : word + part));
}

describe('constructed languages', () => {
  it('vary in word order, case, definiteness, negation and agreement', () => {
    const seen = (f: (l: ConLanguage) => unknown) => new Set(languages.map((l) => String(f(l))));
    expect(seen((l) => l.wordOrder)).toEqual(new Set(['SOV', 'SVO', 'VSO']));
    expect(seen((l) => l.caseMarking)).toEqual(new Set(['true', 'false']));
    expect(seen((l) => l.definiteness)).toEqual(new Set(['article', 'affix']));
    expect(seen((l) => l.negation)).toEqual(new Set(['particle-before', 'particle-after', 'affix']));
    expect(seen((l) => l.adjectiveAgreement.number)).toEqual(new Set(['true', 'false']));
    expect(seen((l) => l.pluralAfterNumeral)).toEqual(new Set(['true', 'false']));
    expect(seen((l) => l.affixes.find((a) => a.gloss === 'PL')!.position)).toEqual(new Set(['prefix', 'suffix']));
  });

  it('are drawn from (seed, code) alone', () => {
    expect(generateLanguage(SEED, 'qab', 'train')).toEqual(languages[1]);
    expect(generateLanguage('another seed', 'qab', 'train')).not.toEqual(languages[1]);
  });

  it('give every form of every word one analysis, and no form is an English word', () => {
    expect(looksEnglish('dog')).toBe(true);
    expect(looksEnglish('lámp')).toBe(true);
    expect(looksEnglish('saw')).toBe(true);
    for (const language of languages) {
      const owners = new Map<string, string>();
      for (const lexeme of language.lexicon) {
        for (const glosses of paradigmCells(language, lexeme.pos)) {
          const form = surfaceOf(language, wordOf(language, lexeme, glosses));
          const analysis = `${lexeme.pos}:${lexeme.english}:${glosses.join('.')}`;
          expect([form, owners.get(form) ?? analysis]).toEqual([form, analysis]);
          owners.set(form, analysis);
          expect([form, looksEnglish(form)]).toEqual([form, false]);
          expect(form).toMatch(/^\p{Ll}+$/u);
        }
      }
    }
  });

  it('apply word order, noun-phrase order, case, agreement and negation as the language states them', () => {
    for (const language of languages) {
      for (const sentence of sentencesOf(language, 40)) {
        const gloss = interlinearGloss(language, sentence);
        const morphemes = gloss.morphemes.split(' ');
        const glosses = gloss.glosses.split(' ');
        const surface = conlangSentence(language, sentence).replace(/\.$/, '').split(' ');
        surface[0] = surface[0].toLowerCase();
        expect(surface).toEqual(morphemes.map((m) => joinSegments(language, m)));

        const parts = glosses.map((g) => g.split('-'));
        const v = parts.findIndex((p) => p.includes(sentence.verb));
        const particle = parts.findIndex((p) => p[0] === 'not');
        // Everything but the verb and the particle is noun phrases, the subject's words first in every order.
        const phraseWords = parts.map((_, i) => i).filter((i) => i !== v && i !== particle);
        const subjectLength = phraseLength(language, sentence.subject);
        const subject = phraseWords.slice(0, subjectLength);
        const object = phraseWords.slice(subjectLength);
        checkPhrase(language, sentence.subject, 'subject', parts, subject);
        if (sentence.object) checkPhrase(language, sentence.object, 'object', parts, object);
        else expect(object).toEqual([]);
        const verbPlace = object.length === 0 ? (v < subject[0] ? 'VS' : 'SV') : v < subject[0] ? 'VSO' : v < object[0] ? 'SVO' : 'SOV';
        expect(verbPlace).toBe(object.length === 0 ? language.wordOrder.replace('O', '') : language.wordOrder);

        const { person, plural } = personOf(sentence.subject);
        const verbGlosses = parts[v];
        expect(verbGlosses).toEqual(expect.arrayContaining(agreementGloss(language, person, plural)));
        const tense = { past: 'PST', present: 'PRS', future: 'FUT' }[sentence.tense];
        if (language.affixes.find((a) => a.gloss === tense)!.form !== '') expect(verbGlosses).toContain(tense);
        if (language.negation === 'affix') expect(verbGlosses.includes('NEG')).toBe(sentence.negated);
        else {
          expect(particle >= 0).toBe(sentence.negated);
          if (sentence.negated) expect(particle - v).toBe(language.negation === 'particle-before' ? -1 : 1);
        }
      }
    }
  });

  it('writes a book whose dictionary lists every word the language has and every word its pairs use', () => {
    for (const language of languages) {
      const book = books.get(language.code)!;
      const dictionary = book.slice(book.indexOf('## 3. Dictionary'), book.indexOf('## 4. Grammar'));
      for (const { form, pos, english } of language.lexicon) {
        expect(dictionary).toMatch(new RegExp(`^\\| ${form} \\| ${pos}(, [a-z ]+)? \\| ${english}( \\(.+\\))? \\|$`, 'm'));
      }
      const used = new Set<string>();
      for (const sentence of drawPairSentences(SEED, language, 50, [])) {
        for (const word of interlinearGloss(language, sentence).morphemes.split(' ')) {
          const stem = word.split('-').find((part) => language.lexicon.some((l) => l.form === part))!;
          used.add(stem);
        }
      }
      for (const stem of used) expect(book).toContain(`| ${stem} | `);
      for (const section of ['## 1. Introduction', '## 3. Dictionary', '### 4.1 Word order', '### 4.3 Affixes', '### 4.8 Subject agreement', '## 5. Parallel examples']) {
        expect(book).toContain(section);
      }
    }
  });

  it('lets a translator that reads only the book reproduce every sentence both ways', () => {
    for (const language of languages) {
      const translator = bookTranslator(books.get(language.code)!);
      expect(translator.name).toBe(language.name);
      for (const sentence of sentencesOf(language, 60)) {
        const [english, other] = [englishSentence(sentence), conlangSentence(language, sentence)];
        expect(translator.translate(english, 'en->xx')).toBe(other);
        expect(translator.translate(other, 'xx->en')).toBe(english);
      }
    }
  });

  it('the translator follows the book: a book that states another word order gives another translation', () => {
    const language = languages.find((l) => l.wordOrder === 'SOV')!;
    const book = books.get(language.code)!;
    const sentence = sentencesOf(language, 50).find((s) => s.object !== undefined)!;
    const altered = bookTranslator(book.replace('(SOV)', '(VSO)'));
    expect(altered.translate(englishSentence(sentence), 'en->xx')).not.toBe(conlangSentence(language, sentence));
    expect(() => bookTranslator(book.replace(/## 3\. Dictionary/, '## 3. Words'))).toThrow(InputError);
    expect(() => bookTranslator(book).translate('The dog flies.', 'en->xx')).toThrow(/expected a (noun|verb)/);
    expect(() => bookTranslator(book).translate('Blorp.', 'xx->en')).toThrow(/"blorp" is no form of any word in the book/);
  });

  it('keeps the sentences a book shows out of its language pairs', () => {
    const language = languages[0];
    const shown = allBookSentences(drawBookSentences(SEED, language, 8)).map(englishSentence);
    expect(books.get(language.code)).toContain(`'${shown[0]}'`);
    const pairs = drawPairSentences(SEED, language, 300, shown).map(englishSentence);
    expect(new Set(pairs).size).toBe(300);
    expect(pairs.filter((p) => shown.includes(p))).toEqual([]);
  });
});

const AFFIX_GLOSSES = new Set(['PL', 'ACC', 'DEF', 'PST', 'PRS', 'FUT', 'NEG', '1SG', '2SG', '3SG', '1PL', '2PL', '3PL']);

function phraseLength(language: ConLanguage, phrase: NounPhrase): number {
  if (phrase.kind === 'pronoun') return 1;
  const counted = ENGLISH_NUMERALS.some((n) => n.lemma === phrase.determiner);
  const article = phrase.determiner === 'the' && language.definiteness === 'article';
  return 1 + (phrase.adjective ? 1 : 0) + (counted ? 1 : 0) + (article ? 1 : 0);
}

function agreementGloss(language: ConLanguage, person: number, plural: boolean): string[] {
  const gloss = `${person}${plural ? 'PL' : 'SG'}`;
  return language.affixes.find((a) => a.gloss === gloss)!.form === '' ? [] : [gloss];
}

/** The phrase's words (at `indices`) are its members in the stated order, each with the affixes the rules ask for. */
function checkPhrase(language: ConLanguage, phrase: NounPhrase, role: 'subject' | 'object', parts: string[][], indices: number[]): void {
  const object = role === 'object';
  const article = phrase.kind === 'noun' && phrase.determiner === 'the' && language.definiteness === 'article';
  expect(indices.length).toBe(phraseLength(language, phrase));
  expect(indices[indices.length - 1] - indices[0]).toBe(indices.length - 1);
  const words = indices.map((i) => parts[i]);
  const stems = words.map((w) => w.filter((p) => !AFFIX_GLOSSES.has(p)).join());
  if (phrase.kind === 'pronoun') {
    expect(stems).toEqual([phrase.pronoun.replace(/ /g, '.')]);
    expect(words[0].includes('ACC')).toBe(object && language.caseMarking);
    return;
  }
  const counted = ENGLISH_NUMERALS.some((n) => n.lemma === phrase.determiner);
  const members: Partial<Record<string, string>> = {
    noun: phrase.noun,
    adjective: phrase.adjective,
    numeral: counted ? phrase.determiner : undefined,
    article: article ? 'the' : undefined,
  };
  const slots = language.nounPhraseOrder.filter((slot) => members[slot] !== undefined);
  expect(stems).toEqual(slots.map((slot) => members[slot]));
  const noun = words[slots.indexOf('noun')];
  expect(noun.includes('PL')).toBe(phrase.plural && (!counted || language.pluralAfterNumeral));
  expect(noun.includes('ACC')).toBe(object && language.caseMarking);
  expect(noun.includes('DEF')).toBe(phrase.determiner === 'the' && language.definiteness === 'affix');
  if (phrase.adjective) {
    const adjective = words[slots.indexOf('adjective')];
    expect(adjective.includes('PL')).toBe(phrase.plural && language.adjectiveAgreement.number);
    expect(adjective.includes('ACC')).toBe(object && language.adjectiveAgreement.case);
  }
}
