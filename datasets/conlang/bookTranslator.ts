/**
 * A rule-based translator that knows English and reads everything about the other language from its grammar book
 * text: it parses English with the dictionary's English forms and spells the meaning with the book's affixes and
 * orders, and the other way round it analyses each word against every form the book's rules can build. Reaching
 * chrF 100 on a language's sentence pairs shows those pairs are solvable from the book.
 */
import { InputError } from '../../core/errors';
import { parseGrammarBook, type BookEntry, type BookGrammar, type BookInflectedClass } from './bookParser';
import type { Direction } from './config';

interface Phrase {
  head: BookEntry;
  adjective?: BookEntry;
  numeral?: BookEntry;
  definite: boolean;
  plural: boolean;
}

interface Clause {
  subject: Phrase;
  verb: BookEntry;
  tense: 'PST' | 'PRS' | 'FUT';
  negated: boolean;
  object?: Phrase;
}

interface Analysis {
  entry: BookEntry;
  glosses: string[];
}

const CLASS_OF: Partial<Record<BookEntry['pos'], BookInflectedClass>> = { noun: 'nouns', verb: 'verbs', adjective: 'adjectives', pronoun: 'pronouns' };

export interface BookTranslator {
  name: string;
  translate(sentence: string, direction: Direction): string;
}

export function bookTranslator(bookText: string): BookTranslator {
  const grammar = parseGrammarBook(bookText);
  let analyses: Map<string, Analysis[]> | undefined;
  return {
    name: grammar.name,
    translate(sentence, direction) {
      if (direction === 'en->xx') return spellConlang(grammar, parseEnglish(grammar, sentence));
      analyses ??= allWordForms(grammar);
      return spellEnglish(parseConlang(grammar, analyses, sentence));
    },
  };
}

// ---- English -> meaning ----------------------------------------------------------------------------------------

function parseEnglish(grammar: BookGrammar, sentence: string): Clause {
  const tokens = sentence.trim().replace(/\.$/, '').split(/\s+/).map((t) => t.toLowerCase());
  let at = 0;
  const fail = (what: string): never => {
    throw new InputError(`English "${sentence}": expected ${what} at word ${at + 1} ("${tokens[at] ?? ''}")`);
  };
  const entries = (pos: BookEntry['pos']) => grammar.entries.filter((e) => e.pos === pos);
  // Longest first, so "you all" is not read as "you" followed by a stray word.
  const pronouns = [...entries('pronoun')].sort((a, b) => b.english.split(' ').length - a.english.split(' ').length);
  const phrase = (role: 'subject' | 'object'): Phrase => {
    for (const pronoun of pronouns) {
      const words = (role === 'subject' ? pronoun.english : pronoun.objectForm!).toLowerCase().split(' ');
      if (words.every((w, k) => tokens[at + k] === w)) {
        at += words.length;
        return { head: pronoun, definite: false, plural: pronoun.number === 'plural' };
      }
    }
    const determiner = tokens[at++];
    const numeral = entries('numeral').find((n) => n.english === determiner);
    if (!numeral && !['the', 'a', 'an'].includes(determiner)) fail('a pronoun, an article or a numeral');
    const adjective = entries('adjective').find((a) => a.english === tokens[at]);
    if (adjective) at++;
    const noun = entries('noun').find((n) => n.english === tokens[at] || n.plural === tokens[at]) ?? fail('a noun');
    return { head: noun, adjective, numeral, definite: determiner === 'the', plural: noun.plural === tokens[at++] };
  };
  const subject = phrase('subject');
  let tense: Clause['tense'] = 'PRS';
  let negated = false;
  const word = tokens[at];
  if (word === 'will') {
    tense = 'FUT';
    at++;
  } else if (word === 'did' || word === 'do' || word === 'does') {
    tense = word === 'did' ? 'PST' : 'PRS';
    at++;
  }
  if (tokens[at] === 'not') {
    negated = true;
    at++;
  }
  const verbWord = tokens[at++];
  const verb = entries('verb').find((v) => [v.english, v.thirdSingular, v.past].includes(verbWord)) ?? fail('a verb');
  if (verb.past === verbWord && verb.english !== verbWord) tense = 'PST';
  const object = at < tokens.length ? phrase('object') : undefined;
  if (at < tokens.length) fail('the end of the sentence');
  return { subject, verb, tense, negated, object };
}

// ---- meaning -> other language ---------------------------------------------------------------------------------

function spellConlang(grammar: BookGrammar, clause: Clause): string {
  const subject = phraseWords(grammar, clause.subject, 'subject');
  const object = clause.object ? phraseWords(grammar, clause.object, 'object') : [];
  const person = clause.subject.head.pos === 'pronoun' ? clause.subject.head.person! : 3;
  const glosses = [clause.tense, `${person}${clause.subject.plural ? 'PL' : 'SG'}`, ...(clause.negated ? ['NEG'] : [])];
  const verb = [inflect(grammar, clause.verb, glosses)];
  if (clause.negated && grammar.negation !== 'affix') {
    const particle = grammar.entries.find((e) => e.pos === 'particle')!.form;
    if (grammar.negation === 'before') verb.unshift(particle);
    else verb.push(particle);
  }
  const words =
    grammar.wordOrder === 'SOV' ? [...subject, ...object, ...verb] : grammar.wordOrder === 'SVO' ? [...subject, ...verb, ...object] : [...verb, ...subject, ...object];
  return `${capitalize(words.join(' '))}.`;
}

function phraseWords(grammar: BookGrammar, phrase: Phrase, role: 'subject' | 'object'): string[] {
  const accusative = role === 'object' ? ['ACC'] : [];
  if (phrase.head.pos === 'pronoun') return [inflect(grammar, phrase.head, accusative)];
  const nounGlosses = [...(phrase.plural && (!phrase.numeral || grammar.pluralAfterNumeral) ? ['PL'] : []), ...accusative, ...(phrase.definite ? ['DEF'] : [])];
  const article = grammar.entries.find((e) => e.pos === 'article');
  const words: string[] = [];
  for (const slot of grammar.phraseOrder) {
    if (slot === 'noun') words.push(inflect(grammar, phrase.head, nounGlosses));
    if (slot === 'adjective' && phrase.adjective) words.push(inflect(grammar, phrase.adjective, [...(phrase.plural ? ['PL'] : []), ...accusative]));
    if (slot === 'numeral' && phrase.numeral) words.push(phrase.numeral.form);
    if (slot === 'article' && phrase.definite && article) words.push(article.form);
  }
  return words;
}

/** Adds, from the stem outwards, the affix of each slot of the word's class that one of `glosses` fills. */
function inflect(grammar: BookGrammar, entry: BookEntry, glosses: readonly string[]): string {
  const cls = CLASS_OF[entry.pos];
  let form = entry.form;
  for (const slot of cls ? grammar.affixOrder[cls] : []) {
    const gloss = glosses.find((g) => slot.includes(g));
    const affix = gloss ? grammar.affixes.get(gloss) : undefined;
    if (!affix || affix.form === '') continue;
    form = affix.position === 'prefix' ? join(grammar, affix.form, form) : join(grammar, form, affix.form);
  }
  return form;
}

function join(grammar: BookGrammar, left: string, right: string): string {
  const meet = grammar.vowels.includes(left[left.length - 1]) && grammar.vowels.includes(right[0]);
  return meet ? left + grammar.linkingConsonant + right : left + right;
}

// ---- other language -> meaning ---------------------------------------------------------------------------------

/** Every form each dictionary word can take: a slot of several glosses always holds one, a one-gloss slot may be empty. */
function allWordForms(grammar: BookGrammar): Map<string, Analysis[]> {
  const forms = new Map<string, Analysis[]>();
  for (const entry of grammar.entries) {
    const cls = CLASS_OF[entry.pos];
    const slots = cls ? grammar.affixOrder[cls] : [];
    let cells: string[][] = [[]];
    for (const slot of slots) {
      const options = slot.length > 1 ? slot.map((g) => [g]) : [[], slot];
      cells = cells.flatMap((cell) => options.map((o) => [...cell, ...o]));
    }
    for (const glosses of cells) {
      const form = inflect(grammar, entry, glosses);
      forms.set(form, [...(forms.get(form) ?? []), { entry, glosses }]);
    }
  }
  return forms;
}

function parseConlang(grammar: BookGrammar, forms: Map<string, Analysis[]>, sentence: string): Clause {
  const body = sentence.trim().replace(/\.$/, '');
  const words = body.split(/\s+/).map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w));
  const analysed = words.map((word) => {
    const found = forms.get(word);
    if (!found) throw new InputError(`${grammar.name} "${sentence}": "${word}" is no form of any word in the book`);
    if (found.length > 1) throw new InputError(`${grammar.name} "${sentence}": "${word}" has ${found.length} readings`);
    return found[0];
  });
  const verbAt = analysed.findIndex((a) => a.entry.pos === 'verb');
  if (verbAt < 0) throw new InputError(`${grammar.name} "${sentence}": no verb`);
  const verb = analysed[verbAt];
  const negated = verb.glosses.includes('NEG') || analysed.some((a) => a.entry.pos === 'particle');
  const before = analysed.slice(0, verbAt).filter((a) => a.entry.pos !== 'particle');
  const after = analysed.slice(verbAt + 1).filter((a) => a.entry.pos !== 'particle');
  const phrases = grammar.wordOrder === 'SOV' ? groupPhrases(grammar, before) : grammar.wordOrder === 'VSO' ? groupPhrases(grammar, after) : [...groupPhrases(grammar, before), ...groupPhrases(grammar, after)];
  if (phrases.length < 1 || phrases.length > 2) throw new InputError(`${grammar.name} "${sentence}": ${phrases.length} noun phrases`);
  const tense = (['PST', 'PRS', 'FUT'] as const).find((t) => verb.glosses.includes(t)) ?? 'PRS';
  return { subject: phrases[0], verb: verb.entry, tense, negated, object: phrases[1] };
}

/** Splits a run of words into noun phrases: each has one noun or pronoun; modifiers stand on its side the book gives. */
function groupPhrases(grammar: BookGrammar, words: readonly Analysis[]): Phrase[] {
  const headAt = grammar.phraseOrder.indexOf('noun');
  const followsHead = (pos: string) => grammar.phraseOrder.indexOf(pos) > headAt;
  const groups: Array<{ head?: Analysis; modifiers: Analysis[] }> = [];
  let pending: Analysis[] = [];
  for (const word of words) {
    const last = groups[groups.length - 1];
    if (word.entry.pos === 'noun' || word.entry.pos === 'pronoun') {
      groups.push({ head: word, modifiers: pending });
      pending = [];
    } else if (followsHead(word.entry.pos) && last) last.modifiers.push(word);
    else pending.push(word);
  }
  if (pending.length > 0) throw new InputError(`${grammar.name}: "${pending.map((p) => p.entry.form).join(' ')}" belongs to no noun`);
  return groups.map(({ head, modifiers }) => {
    const numeral = modifiers.find((m) => m.entry.pos === 'numeral')?.entry;
    const plural = head!.entry.pos === 'pronoun' ? head!.entry.number === 'plural' : numeral !== undefined || head!.glosses.includes('PL');
    return {
      head: head!.entry,
      adjective: modifiers.find((m) => m.entry.pos === 'adjective')?.entry,
      numeral,
      definite: head!.glosses.includes('DEF') || modifiers.some((m) => m.entry.pos === 'article'),
      plural,
    };
  });
}

// ---- meaning -> English ----------------------------------------------------------------------------------------

function spellEnglish(clause: Clause): string {
  const words = [englishPhrase(clause.subject, 'subject'), englishVerb(clause)];
  if (clause.object) words.push(englishPhrase(clause.object, 'object'));
  return `${capitalize(words.join(' '))}.`;
}

function englishPhrase(phrase: Phrase, role: 'subject' | 'object'): string {
  if (phrase.head.pos === 'pronoun') return role === 'subject' ? phrase.head.english : phrase.head.objectForm!;
  const rest = [phrase.adjective?.english, phrase.plural ? phrase.head.plural : phrase.head.english].filter(Boolean).join(' ');
  const determiner = phrase.numeral ? phrase.numeral.english : phrase.definite ? 'the' : /^[aeiou]/.test(rest) ? 'an' : 'a';
  return `${determiner} ${rest}`;
}

function englishVerb(clause: Clause): string {
  const verb = clause.verb;
  const thirdSingular = clause.subject.head.pos !== 'pronoun' ? !clause.subject.plural : clause.subject.head.person === 3 && !clause.subject.plural;
  if (clause.tense === 'FUT') return clause.negated ? `will not ${verb.english}` : `will ${verb.english}`;
  if (clause.tense === 'PST') return clause.negated ? `did not ${verb.english}` : verb.past!;
  if (clause.negated) return `${thirdSingular ? 'does' : 'do'} not ${verb.english}`;
  return thirdSingular ? verb.thirdSingular! : verb.english;
}

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
