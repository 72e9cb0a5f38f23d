/**
 * A constructed language's grammar book in markdown: introduction, sounds, a dictionary of every word, the grammar
 * (word order, noun phrase, each affix and agreement rule, with examples) and parallel examples. The book is the
 * only thing a translator needs: `bookTranslator` translates from this text alone.
 */
import type { BookSentences } from './bookExamples';
import { ENGLISH_PRONOUNS } from './englishLexicon';
import { englishSentence } from './english';
import {
  AGREEMENT_GLOSSES,
  SLOT_OF_GLOSS,
  type Affix,
  type AffixSlot,
  type ConLanguage,
  type Gloss,
  type InflectedPos,
  type Lexeme,
} from './language';
import { surfaceOf, wordOf } from './morphology';
import { conlangSentence, interlinearGloss } from './realize';
import { nounNamed, verbNamed, type Sentence } from './sentence';

const GLOSS_MEANING: Readonly<Record<Gloss, string>> = {
  PL: 'plural',
  ACC: 'accusative (the direct object)',
  DEF: 'definite',
  PST: 'past tense',
  PRS: 'present tense',
  FUT: 'future tense',
  NEG: 'negation',
  '1SG': 'subject is first person singular',
  '2SG': 'subject is second person singular',
  '3SG': 'subject is third person singular',
  '1PL': 'subject is first person plural',
  '2PL': 'subject is second person plural',
  '3PL': 'subject is third person plural',
};

const SLOT_LABEL: Readonly<Record<AffixSlot, string>> = {
  number: 'PL',
  case: 'ACC',
  definiteness: 'DEF',
  tense: 'tense (PST, PRS, FUT)',
  negation: 'NEG',
  agreement: `agreement (${AGREEMENT_GLOSSES.join(', ')})`,
};

const ALL_SLOTS = Object.keys(SLOT_LABEL) as AffixSlot[];

const SLOT_TOPIC: Readonly<Record<AffixSlot, string>> = {
  number: 'number',
  case: 'case',
  definiteness: 'definiteness',
  tense: 'tense',
  negation: 'negation',
  agreement: 'agreement with the subject in person and number',
};

const POS_PLURAL: Readonly<Record<InflectedPos, string>> = { noun: 'nouns', verb: 'verbs', adjective: 'adjectives', pronoun: 'pronouns' };
const ORDER_NAME = { SOV: 'subject–object–verb', SVO: 'subject–verb–object', VSO: 'verb–subject–object' } as const;
const PERSON_WORD = { 1: 'first', 2: 'second', 3: 'third' } as const;

export function writeGrammarBook(language: ConLanguage, sentences: BookSentences): string {
  return [
    `# A grammar of ${language.name}`,
    introduction(language),
    sounds(language),
    dictionary(language),
    '## 4. Grammar',
    wordOrderPassage(language, sentences),
    nounPhrasePassage(language),
    affixPassage(language),
    numberPassage(language, sentences.plural),
    casePassage(language),
    definitenessPassage(language),
    tensePassage(language),
    agreementPassage(language, sentences.agreement),
    adjectivePassage(language),
    negationPassage(language, sentences.negation),
    parallelExamples(language, sentences.parallel),
  ].join('\n\n') + '\n';
}

function introduction(language: ConLanguage): string {
  const topics = (slots: readonly AffixSlot[]) => ALL_SLOTS.filter((s) => slots.includes(s)).map((s) => SLOT_TOPIC[s]);
  const nounAffixes = topics(language.affixOrder.noun);
  const verbAffixes = topics(language.affixOrder.verb);
  return [
    '## 1. Introduction',
    `${language.name} (language code \`${language.code}\`) is a constructed language: it was generated for this dataset, ` +
      `and no text in it existed before. This book holds everything needed to translate between ${language.name} and ` +
      'English: sounds and spelling (section 2), a dictionary of every word (section 3), the grammar (section 4) and ' +
      'parallel examples (section 5).',
    `In brief: the basic word order is ${ORDER_NAME[language.wordOrder]}; nouns take affixes for ${listText(nounAffixes)}, ` +
      `and verbs for ${listText(verbAffixes)}.`,
  ].join('\n\n');
}

function sounds(language: ConLanguage): string {
  const { consonants, vowels, shapes, codas, linkingConsonant } = language.phonology;
  const shapeText = shapes.map((shape) =>
    shape === 'CV' ? 'CV (a consonant and a vowel)' : shape === 'CVC' ? `CVC (closed by ${listText(codas, 'or')})` : 'V (only at the start of a word)',
  );
  const paragraphs = [
    '## 2. Sounds and spelling',
    `${language.name} is written with the consonants ${consonants.join(', ')} and the vowels ${vowels.join(', ')}. ` +
      `${shapes.length === 1 ? 'Every syllable has the shape' : 'Syllables have the shapes'} ${listText(shapeText)}. Words are written in lowercase and separated by spaces; a ` +
      'sentence begins with a capital letter and ends with a full stop.',
    'When a part of a word that ends in a vowel meets a part that begins with a vowel (a stem and an affix, or two ' +
      `affixes), the consonant **${linkingConsonant}** is inserted between them.`,
  ];
  const example = linkingExample(language);
  if (example) paragraphs[2] += ` For example, ${example}.`;
  return paragraphs.join('\n\n');
}

function linkingExample(language: ConLanguage): string | undefined {
  const { vowels } = language.phonology;
  for (const affix of language.affixes) {
    if (affix.form === '') continue;
    const classes = (Object.keys(language.affixOrder) as InflectedPos[]).filter((pos) => language.affixOrder[pos].includes(SLOT_OF_GLOSS[affix.gloss]));
    for (const lexeme of language.lexicon.filter((l) => (classes as string[]).includes(l.pos))) {
      const meets =
        affix.position === 'suffix'
          ? vowels.includes(lexeme.form[lexeme.form.length - 1]) && vowels.includes(affix.form[0])
          : vowels.includes(affix.form[affix.form.length - 1]) && vowels.includes(lexeme.form[0]);
      if (!meets) continue;
      const parts = affix.position === 'suffix' ? `*${lexeme.form}* + *${affixLabel(affix)}*` : `*${affixLabel(affix)}* + *${lexeme.form}*`;
      return `${parts} gives *${surfaceOf(language, wordOf(language, lexeme, [affix.gloss]))}*`;
    }
  }
  return undefined;
}

function dictionary(language: ConLanguage): string {
  const rows = [...language.lexicon]
    .sort((a, b) => (a.form < b.form ? -1 : a.form > b.form ? 1 : 0))
    .map((lexeme) => `| ${lexeme.form} | ${posText(lexeme)} | ${englishText(lexeme)} |`);
  return [
    '## 3. Dictionary',
    `Every ${language.name} word, with its part of speech and its English meaning. For nouns the English plural is ` +
      'given, for verbs the English present third person singular and past, for pronouns the English object form.',
    [`| ${language.name} | Part of speech | English |`, '| --- | --- | --- |', ...rows].join('\n'),
  ].join('\n\n');
}

function posText(lexeme: Lexeme): string {
  switch (lexeme.pos) {
    case 'verb':
      return verbNamed(lexeme.english).object ? 'verb, transitive' : 'verb, intransitive';
    case 'pronoun': {
      const pronoun = ENGLISH_PRONOUNS.find((p) => p.lemma === lexeme.english)!;
      return `pronoun, ${PERSON_WORD[pronoun.person]} person ${pronoun.number}`;
    }
    case 'article':
      return 'article, definite';
    case 'particle':
      return 'particle, negation';
    default:
      return lexeme.pos;
  }
}

function englishText(lexeme: Lexeme): string {
  switch (lexeme.pos) {
    case 'noun':
      return `${lexeme.english} (plural: ${nounNamed(lexeme.english).plural})`;
    case 'verb': {
      const verb = verbNamed(lexeme.english);
      return `${verb.lemma} (${verb.s3}, ${verb.past})`;
    }
    case 'pronoun':
      return `${lexeme.english} (object: ${ENGLISH_PRONOUNS.find((p) => p.lemma === lexeme.english)!.object})`;
    default:
      return lexeme.english;
  }
}

function wordOrderPassage(language: ConLanguage, sentences: BookSentences): string {
  const intransitive = language.wordOrder === 'VSO' ? 'verb–subject' : 'subject–verb';
  return [
    '### 4.1 Word order',
    `The basic word order is ${ORDER_NAME[language.wordOrder]} (${language.wordOrder}). A sentence without an object ` +
      `keeps the same order: ${intransitive}.`,
    exampleBlock(language, sentences.wordOrder),
    exampleBlock(language, sentences.intransitive),
  ].join('\n\n');
}

function nounPhrasePassage(language: ConLanguage): string {
  const article = language.definiteness === 'article' ? ', adjective or article' : ' or adjective';
  return [
    '### 4.2 The noun phrase',
    `Within a noun phrase the words come in this order: ${language.nounPhraseOrder.join(', ')}. Each word is ` +
      'optional except the noun. A pronoun is a noun phrase on its own: it takes no numeral' + `${article}.`,
  ].join('\n\n');
}

function affixPassage(language: ConLanguage): string {
  const rows = language.affixes.map((affix) => {
    const classes = (Object.keys(language.affixOrder) as InflectedPos[])
      .filter((pos) => language.affixOrder[pos].includes(SLOT_OF_GLOSS[affix.gloss]))
      .map((pos) => POS_PLURAL[pos]);
    return `| ${affixLabel(affix)} | ${affix.gloss} | ${GLOSS_MEANING[affix.gloss]} | ${classes.join(', ')} |`;
  });
  const orders = (Object.keys(language.affixOrder) as InflectedPos[]).map((pos) => {
    const slots = language.affixOrder[pos];
    return `- ${POS_PLURAL[pos]}: ${slots.length === 0 ? 'none' : slots.map((s) => SLOT_LABEL[s]).join(', ')}`;
  });
  return [
    '### 4.3 Affixes',
    ['| Affix | Gloss | Meaning | Attaches to |', '| --- | --- | --- | --- |', ...rows].join('\n'),
    'A hyphen after an affix (*ka-*) marks a prefix, a hyphen before it (*-ka*) a suffix; *(none)* means that the ' +
      'meaning is shown by the absence of any affix. The examples below split words into their parts with hyphens ' +
      'and gloss each part (Leipzig glossing).',
    'Affixes are added from the stem outwards in this order:',
    orders.join('\n'),
    'So a prefix added later stands further to the left, and a suffix added later further to the right.',
  ].join('\n\n');
}

function numberPassage(language: ConLanguage, plural: Sentence): string {
  const noun = language.lexicon.find((l) => l.pos === 'noun')!;
  const numeral = language.lexicon.find((l) => l.pos === 'numeral')!;
  const counted = surfaceOf(language, wordOf(language, noun, language.pluralAfterNumeral ? ['PL'] : []));
  const countedPhrase = language.nounPhraseOrder.indexOf('numeral') < language.nounPhraseOrder.indexOf('noun') ? `${numeral.form} ${counted}` : `${counted} ${numeral.form}`;
  const countedEnglish = `${numeral.english} ${nounNamed(noun.english).plural}`;
  const rule = language.pluralAfterNumeral
    ? 'After a numeral the noun still takes the plural'
    : 'After a numeral the noun stays singular, since the numeral already says how many';
  return [
    '### 4.4 Number',
    `Plural nouns take ${affixText(language, 'PL')}: *${noun.form}* '${noun.english}', ` +
      `*${surfaceOf(language, wordOf(language, noun, ['PL']))}* '${nounNamed(noun.english).plural}'. ${rule}: ` +
      `*${countedPhrase}* '${countedEnglish}'. Pronouns have no plural affix: the plural pronouns are words of their own.`,
    exampleBlock(language, plural),
  ].join('\n\n');
}

function casePassage(language: ConLanguage): string {
  if (!language.caseMarking) {
    return `### 4.5 Case\n\n${language.name} has no case affixes: the subject and the object are told apart by word order alone.`;
  }
  const pronoun = language.lexicon.find((l) => l.pos === 'pronoun')!;
  const english = ENGLISH_PRONOUNS.find((p) => p.lemma === pronoun.english)!;
  return [
    '### 4.5 Case',
    `The direct object takes the accusative ${affixText(language, 'ACC')}, nouns and pronouns alike; the subject ` +
      `takes no case affix: *${pronoun.form}* '${english.lemma}', *${surfaceOf(language, wordOf(language, pronoun, ['ACC']))}* '${english.object}'.`,
  ].join('\n\n');
}

function definitenessPassage(language: ConLanguage): string {
  const noun = language.lexicon.find((l) => l.pos === 'noun')!;
  const numeralRule = 'A noun counted by a numeral is indefinite.';
  if (language.definiteness === 'article') {
    const article = language.lexicon.find((l) => l.pos === 'article')!;
    const order = language.nounPhraseOrder.filter((s) => s === 'noun' || s === 'article');
    const phrase = order.map((s) => (s === 'noun' ? noun.form : article.form)).join(' ');
    return [
      '### 4.6 Definiteness',
      `The definite article *${article.form}* 'the' marks a definite noun phrase, singular or plural; its place is given ` +
        `in section 4.2. An indefinite noun phrase has no article: *${noun.form}* 'a ${noun.english}', *${phrase}* ` +
        `'the ${noun.english}'. ${numeralRule}`,
    ].join('\n\n');
  }
  return [
    '### 4.6 Definiteness',
    `A definite noun, singular or plural, takes ${affixText(language, 'DEF')}: ` +
      `*${surfaceOf(language, wordOf(language, noun, ['DEF']))}* 'the ${noun.english}'. An indefinite noun has no ` +
      `marking: *${noun.form}* 'a ${noun.english}'. ${numeralRule}`,
  ].join('\n\n');
}

function tensePassage(language: ConLanguage): string {
  const verb = language.lexicon.find((l) => l.pos === 'verb')!;
  const english = verbNamed(verb.english);
  const form = (tense: Gloss) => surfaceOf(language, wordOf(language, verb, [tense, '3SG']));
  return [
    '### 4.7 Tense',
    `Verbs mark three tenses: past (PST, ${affixText(language, 'PST')}), present (PRS, ${affixText(language, 'PRS')}) ` +
      `and future (FUT, ${affixText(language, 'FUT')}). With a third person singular subject: *${form('PST')}* ` +
      `'${english.past}', *${form('PRS')}* '${english.s3}', *${form('FUT')}* 'will ${english.lemma}'.`,
  ].join('\n\n');
}

function agreementPassage(language: ConLanguage, example: Sentence): string {
  const cell = (person: 1 | 2 | 3, number: 'SG' | 'PL') => affixLabel(language.affixes.find((a) => a.gloss === `${person}${number}`)!);
  const table = [
    '| Person | Singular | Plural |',
    '| --- | --- | --- |',
    ...([1, 2, 3] as const).map((p) => `| ${PERSON_WORD[p]} | ${cell(p, 'SG')} | ${cell(p, 'PL')} |`),
  ].join('\n');
  return [
    '### 4.8 Subject agreement',
    'The verb agrees with its subject in person and number. A noun subject is third person, singular or plural as ' +
      'the noun phrase is (a numeral makes it plural); a pronoun subject has the person and number the dictionary gives.',
    table,
    exampleBlock(language, example),
  ].join('\n\n');
}

function adjectivePassage(language: ConLanguage): string {
  const { number, case: agreesInCase } = language.adjectiveAgreement;
  const pluralRule = 'it takes PL whenever its noun phrase is plural, with or without a numeral';
  const caseRule = 'it takes ACC when its noun phrase is the object';
  const text =
    number && agreesInCase
      ? `An adjective agrees with its noun in number and case: ${pluralRule}, and ${caseRule}.`
      : number
        ? `An adjective agrees with its noun in number: ${pluralRule}. It takes no case affix.`
        : agreesInCase
          ? `An adjective agrees with its noun in case: ${caseRule}. It takes no plural affix.`
          : 'Adjectives never change their form.';
  return `### 4.9 Adjective agreement\n\n${text}`;
}

function negationPassage(language: ConLanguage, example: Sentence): string {
  const particle = language.lexicon.find((l) => l.pos === 'particle');
  const text =
    language.negation === 'affix'
      ? `A negative verb takes ${affixText(language, 'NEG')}.`
      : `A negative sentence has the particle *${particle!.form}* 'not' directly ${language.negation === 'particle-before' ? 'before' : 'after'} the verb.`;
  return ['### 4.10 Negation', text, exampleBlock(language, example)].join('\n\n');
}

function parallelExamples(language: ConLanguage, sentences: readonly Sentence[]): string {
  const items = sentences.map((sentence, i) => {
    const gloss = interlinearGloss(language, sentence);
    return [`${i + 1}. *${conlangSentence(language, sentence)}*  `, `   \`${gloss.morphemes}\`  `, `   \`${gloss.glosses}\`  `, `   '${englishSentence(sentence)}'`].join('\n');
  });
  return ['## 5. Parallel examples', ...(items.length > 0 ? [items.join('\n')] : ['(none)'])].join('\n\n');
}

function exampleBlock(language: ConLanguage, sentence: Sentence): string {
  const gloss = interlinearGloss(language, sentence);
  return [`> *${conlangSentence(language, sentence)}*  `, `> \`${gloss.morphemes}\`  `, `> \`${gloss.glosses}\`  `, `> '${englishSentence(sentence)}'`].join('\n');
}

function affixText(language: ConLanguage, gloss: Gloss): string {
  const affix = language.affixes.find((a) => a.gloss === gloss)!;
  if (affix.form === '') return 'no affix';
  return `the ${affix.position} *${affixLabel(affix)}*`;
}

function affixLabel(affix: Affix): string {
  if (affix.form === '') return '(none)';
  return affix.position === 'prefix' ? `${affix.form}-` : `-${affix.form}`;
}

function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
