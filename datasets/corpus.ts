/**
 * One document per entity, rendered from its facts in a given language: the title is the entity's name, the
 * text lists its description, aliases, relations ("Capital: Madrid.") and attributes. Names fall back to English
 * where the graph has none in that language.
 */
import { Fact, KnowledgeGraph, nameOf, objectsOf, entityOf, factsFrom } from './knowledgeGraph';
import { relationLabel, templatesFor } from './questionTemplates';

export interface Document {
  id: string;
  title: string;
  text: string;
}

/** One fact replaced by another (ContextRL); documents rendered under it state the new fact and its inverse. */
export interface FactEdit {
  from: Fact;
  to: Fact;
}

/** Long lists (the countries of a region, the kinds of a noun) are cut here; walk facts are single-valued. */
const MAX_LISTED_OBJECTS = 12;

export function renderDocument(graph: KnowledgeGraph, id: string, language: string, edit?: FactEdit): Document {
  const entity = entityOf(graph, id);
  const templates = templatesFor(graph.name, language);
  const sentences: string[] = [];
  if (entity.description) sentences.push(entity.description.endsWith('.') ? entity.description : `${entity.description}.`);
  if (language === 'en' && entity.aliases?.length) sentences.push(`Also: ${entity.aliases.join(', ')}.`);
  for (const relation of relationsOf(graph, id, edit)) {
    const objects = editedObjects(graph, id, relation, edit);
    if (objects.length === 0) continue;
    const names = objects.slice(0, MAX_LISTED_OBJECTS).map((object) => nameOf(graph, object, language));
    const more = objects.length > MAX_LISTED_OBJECTS ? ` (+${objects.length - MAX_LISTED_OBJECTS})` : '';
    sentences.push(`${relationLabel(graph, relation, language)}: ${names.join(', ')}${more}.`);
  }
  for (const [key, value] of Object.entries(entity.attributes ?? {})) {
    const label = templates.attributes[key] ?? key;
    const shown = typeof value === 'boolean' ? (value ? templates.yes : templates.no) : String(value);
    sentences.push(`${label}: ${shown}.`);
  }
  return { id, title: nameOf(graph, id, language), text: sentences.join(' ') };
}

const corpusCache = new WeakMap<KnowledgeGraph, Map<string, Document[]>>();

/** Every entity's document in `language`, in entity-id order; built once per graph and language. */
export function buildCorpus(graph: KnowledgeGraph, language: string): Document[] {
  let byLanguage = corpusCache.get(graph);
  if (!byLanguage) corpusCache.set(graph, (byLanguage = new Map()));
  let corpus = byLanguage.get(language);
  if (!corpus) {
    corpus = [...graph.entities.keys()].map((id) => renderDocument(graph, id, language));
    byLanguage.set(language, corpus);
  }
  return corpus;
}

/** Characters a document adds to a context (UTF-16 code units of title and text). */
export function documentLength(doc: Document): number {
  return doc.title.length + doc.text.length;
}

export function contextLength(docs: readonly Document[]): number {
  return docs.reduce((sum, doc) => sum + documentLength(doc), 0);
}

function relationsOf(graph: KnowledgeGraph, id: string, edit?: FactEdit): string[] {
  const relations = new Set(factsFrom(graph, id).map((fact) => fact.relation));
  const inverse = edit && graph.inverseRelations[edit.to.relation];
  if (edit && inverse && edit.to.object === id) relations.add(inverse);
  return [...relations].sort();
}

/** The objects of (subject, relation) with the edit applied to the fact and to its inverse. */
function editedObjects(graph: KnowledgeGraph, subject: string, relation: string, edit?: FactEdit): readonly string[] {
  const objects = objectsOf(graph, subject, relation);
  if (!edit) return objects;
  const { from, to } = edit;
  let edited = [...objects];
  if (subject === from.subject && relation === from.relation) {
    edited = edited.filter((object) => object !== from.object);
    if (!edited.includes(to.object)) edited.push(to.object);
  }
  const inverse = graph.inverseRelations[from.relation];
  if (inverse && relation === inverse) {
    if (subject === from.object) edited = edited.filter((object) => object !== from.subject);
    if (subject === to.object && !edited.includes(from.subject)) edited.push(from.subject);
  }
  return edited.sort();
}
