/**
 * The knowledge-graph shape every dataset builder walks: entities with names per language, facts as
 * (subject, relation, object) triples, and the two indexes a multi-hop walk needs.
 */

export interface Entity {
  /** Stable id, e.g. `ESP`, `city:madrid`, `wn:02084071-n`. */
  id: string;
  /** Kind of thing (`country`, `city`, `noun`...): a changed fact keeps its object's type. */
  type: string;
  /** Display name per language code; `en` is always present and is the fallback. */
  names: Record<string, string>;
  /** Other English names the answer may be given as. */
  aliases?: string[];
  /** A definition or short description shown in the entity's document. */
  description?: string;
  /** Values that are not links to other entities (e.g. `landlocked`). */
  attributes?: Record<string, string | number | boolean>;
}

export interface Fact {
  subject: string;
  relation: string;
  object: string;
}

export interface KnowledgeGraph {
  name: string;
  entities: Map<string, Entity>;
  /** Every fact once, sorted by subject, relation, object. */
  facts: Fact[];
  /** `subject\u0000relation` -> objects (sorted). */
  objectsBySubjectRelation: Map<string, string[]>;
  /** `relation\u0000object` -> subjects (sorted). */
  subjectsByRelationObject: Map<string, string[]>;
  /** subject -> its facts, sorted by relation then object. */
  factsBySubject: Map<string, Fact[]>;
  /** relation -> its inverse relation, where the graph stores one. */
  inverseRelations: Record<string, string>;
}

const SEP = '\u0000';

/** Indexes entities and facts; duplicate facts are dropped and facts naming unknown entities are an error. */
export function buildKnowledgeGraph(
  name: string,
  entities: Iterable<Entity>,
  facts: Iterable<Fact>,
  inverseRelations: Record<string, string> = {},
): KnowledgeGraph {
  const entityMap = new Map<string, Entity>();
  for (const entity of [...entities].sort((a, b) => compareText(a.id, b.id))) {
    if (entityMap.has(entity.id)) throw new Error(`${name} graph: entity ${entity.id} is defined twice`);
    entityMap.set(entity.id, entity);
  }
  const unique = new Map<string, Fact>();
  for (const fact of facts) {
    for (const end of [fact.subject, fact.object]) {
      if (!entityMap.has(end)) {
        throw new Error(`${name} graph: fact ${fact.subject} ${fact.relation} ${fact.object} names unknown entity ${end}`);
      }
    }
    unique.set(fact.subject + SEP + fact.relation + SEP + fact.object, fact);
  }
  const sortedFacts = [...unique.values()].sort(compareFacts);
  const objectsBySubjectRelation = new Map<string, string[]>();
  const subjectsByRelationObject = new Map<string, string[]>();
  const factsBySubject = new Map<string, Fact[]>();
  for (const fact of sortedFacts) {
    pushTo(objectsBySubjectRelation, fact.subject + SEP + fact.relation, fact.object);
    pushTo(subjectsByRelationObject, fact.relation + SEP + fact.object, fact.subject);
    pushTo(factsBySubject, fact.subject, fact);
  }
  for (const subjects of subjectsByRelationObject.values()) subjects.sort(compareText);
  return {
    name,
    entities: entityMap,
    facts: sortedFacts,
    objectsBySubjectRelation,
    subjectsByRelationObject,
    factsBySubject,
    inverseRelations,
  };
}

const NONE: readonly string[] = Object.freeze([]);

export function objectsOf(graph: KnowledgeGraph, subject: string, relation: string): readonly string[] {
  return graph.objectsBySubjectRelation.get(subject + SEP + relation) ?? NONE;
}

export function subjectsOf(graph: KnowledgeGraph, relation: string, object: string): readonly string[] {
  return graph.subjectsByRelationObject.get(relation + SEP + object) ?? NONE;
}

export function hasFact(graph: KnowledgeGraph, fact: Fact): boolean {
  return objectsOf(graph, fact.subject, fact.relation).includes(fact.object);
}

export function factsFrom(graph: KnowledgeGraph, subject: string): readonly Fact[] {
  return graph.factsBySubject.get(subject) ?? [];
}

export function entityOf(graph: KnowledgeGraph, id: string): Entity {
  const entity = graph.entities.get(id);
  if (!entity) throw new Error(`${graph.name} graph has no entity ${id}`);
  return entity;
}

/** The entity's name in `language`, falling back to English when the graph has none in that language. */
export function nameOf(graph: KnowledgeGraph, id: string, language: string): string {
  const names = entityOf(graph, id).names;
  return names[language] ?? names.en;
}

/** Code-unit order, independent of the process locale (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFacts(a: Fact, b: Fact): number {
  return compareText(a.subject, b.subject) || compareText(a.relation, b.relation) || compareText(a.object, b.object);
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
