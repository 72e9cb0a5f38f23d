/**
 * Reads a grammar book's markdown back into rules a translator can apply: the dictionary table, the affix table,
 * the affix order, word order, noun-phrase order, the linking consonant, numeral and negation rules. It shares no
 * code with the generator, so a translator built on it shows that the book alone is enough.
 */
import { InputError } from '../../core/errors';

export type BookPos = 'noun' | 'verb' | 'adjective' | 'numeral' | 'pronoun' | 'article' | 'particle';
export type BookInflectedClass = 'nouns' | 'verbs' | 'adjectives' | 'pronouns';

export interface BookEntry {
  form: string;
  pos: BookPos;
  /** The English lemma ("dog", "see", "you all"). */
  english: string;
  plural?: string;
  thirdSingular?: string;
  past?: string;
  objectForm?: string;
  person?: 1 | 2 | 3;
  number?: 'singular' | 'plural';
}

export interface BookAffix {
  form: string;
  position: 'prefix' | 'suffix';
}

export interface BookGrammar {
  name: string;
  vowels: string[];
  linkingConsonant: string;
  entries: BookEntry[];
  wordOrder: 'SOV' | 'SVO' | 'VSO';
  phraseOrder: string[];
  affixes: Map<string, BookAffix>;
  /** Per word class, its affix slots from the stem outwards; a slot lists the glosses that can fill it. */
  affixOrder: Record<BookInflectedClass, string[][]>;
  pluralAfterNumeral: boolean;
  negation: 'affix' | 'before' | 'after';
}

const PERSONS: Record<string, 1 | 2 | 3> = { first: 1, second: 2, third: 3 };

export function parseGrammarBook(text: string): BookGrammar {
  const name = match(text, /^# A grammar of (.+)$/m, 'the title "# A grammar of NAME"')[1];
  const affixes = parseAffixTable(section(text, '### 4.3 Affixes', '### 4.4'));
  return {
    name,
    vowels: match(text, /and the vowels (.+?)\. /, 'the vowel inventory (section 2)')[1].split(', '),
    linkingConsonant: match(text, /the consonant \*\*(.+?)\*\* is inserted/, 'the linking consonant (section 2)')[1],
    entries: parseDictionary(section(text, '## 3. Dictionary', '## 4. Grammar')),
    wordOrder: match(text, /The basic word order is [^(]+\((SOV|SVO|VSO)\)/, 'the basic word order (section 4.1)')[1] as BookGrammar['wordOrder'],
    phraseOrder: match(text, /Within a noun phrase the words come in this order: ([a-z, ]+)\./, 'the noun phrase order (section 4.2)')[1].split(', '),
    affixes,
    affixOrder: parseAffixOrder(section(text, '### 4.3 Affixes', '### 4.4')),
    pluralAfterNumeral: parseNumeralRule(text),
    negation: affixes.has('NEG')
      ? 'affix'
      : (match(text, /the particle \*.+?\* 'not' directly (before|after) the verb/, 'the negation rule (section 4.10)')[1] as 'before' | 'after'),
  };
}

function parseDictionary(text: string): BookEntry[] {
  return tableRows(text).map(([form, posText, englishText], i) => {
    const where = `dictionary row ${i + 1} ("${form}")`;
    const pos = posText.split(',')[0] as BookPos;
    switch (pos) {
      case 'noun': {
        const [, english, plural] = match(englishText, /^(.+) \(plural: (.+)\)$/, `${where}: "WORD (plural: PLURAL)"`);
        return { form, pos, english, plural };
      }
      case 'verb': {
        const [, english, thirdSingular, past] = match(englishText, /^(.+) \((.+), (.+)\)$/, `${where}: "VERB (THIRD-SINGULAR, PAST)"`);
        return { form, pos, english, thirdSingular, past };
      }
      case 'pronoun': {
        const [, english, objectForm] = match(englishText, /^(.+) \(object: (.+)\)$/, `${where}: "PRONOUN (object: FORM)"`);
        const [, person, number] = match(posText, /^pronoun, (first|second|third) person (singular|plural)$/, `${where}: its person and number`);
        return { form, pos, english, objectForm, person: PERSONS[person], number: number as 'singular' | 'plural' };
      }
      case 'adjective':
      case 'numeral':
      case 'article':
      case 'particle':
        return { form, pos, english: englishText };
      default:
        throw new InputError(`grammar book: ${where}: unknown part of speech "${posText}"`);
    }
  });
}

function parseAffixTable(text: string): Map<string, BookAffix> {
  const affixes = new Map<string, BookAffix>();
  for (const [label, gloss] of tableRows(text)) {
    if (label === '(none)') affixes.set(gloss, { form: '', position: 'suffix' });
    else if (label.endsWith('-')) affixes.set(gloss, { form: label.slice(0, -1), position: 'prefix' });
    else if (label.startsWith('-')) affixes.set(gloss, { form: label.slice(1), position: 'suffix' });
    else throw new InputError(`grammar book: affix table: "${label}" (${gloss}) is neither a prefix "x-" nor a suffix "-x"`);
  }
  return affixes;
}

function parseAffixOrder(text: string): Record<BookInflectedClass, string[][]> {
  const order = {} as Record<BookInflectedClass, string[][]>;
  for (const cls of ['nouns', 'verbs', 'adjectives', 'pronouns'] as const) {
    const line = match(text, new RegExp(`^- ${cls}: (.+)$`, 'm'), `the affix order of ${cls} (section 4.3)`)[1];
    order[cls] = line === 'none' ? [] : [...line.matchAll(/([A-Za-z0-9]+)(?: \(([^)]*)\))?/g)].map((m) => (m[2] ? m[2].split(', ') : [m[1]]));
  }
  return order;
}

function parseNumeralRule(text: string): boolean {
  if (text.includes('After a numeral the noun still takes the plural')) return true;
  if (text.includes('After a numeral the noun stays singular')) return false;
  throw new InputError('grammar book: section 4.4 says neither whether a noun after a numeral takes the plural');
}

function section(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new InputError(`grammar book: no section from "${start}" to "${end}"`);
  return text.slice(from, to);
}

/** The body rows of the markdown tables in `text`, cells trimmed; header and separator rows skipped. */
function tableRows(text: string): string[][] {
  const separator = /^\|( -{3,} \|)+$/;
  const lines = text.split('\n').filter((line) => line.startsWith('| '));
  return lines
    .filter((line, i) => !separator.test(line) && !separator.test(lines[i + 1] ?? ''))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
}

function match(text: string, pattern: RegExp, what: string): RegExpMatchArray {
  const found = text.match(pattern);
  if (!found) throw new InputError(`grammar book: cannot find ${what}`);
  return found;
}
