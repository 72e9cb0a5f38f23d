/**
 * Multi-hop question text: starting from the start entity's name, each hop wraps the phrase so far in its
 * relation's template ("Spain" -> "the capital of Spain" -> "the country whose capital is ..."), then the
 * language's question frame goes around the whole.
 */
import { InputError } from '../core/errors';
import { COUNTRY_TEMPLATES } from './countryTemplates';
import { KnowledgeGraph, nameOf } from './knowledgeGraph';
import { LanguageTemplates } from './languageTemplates';
import { Walk } from './randomWalks';
import { WORDNET_TEMPLATES } from './wordnetTemplates';

export const KNOWLEDGE_GRAPH_KINDS = ['countries', 'wordnet'] as const;
export type KnowledgeGraphKind = (typeof KNOWLEDGE_GRAPH_KINDS)[number];

const TEMPLATE_SETS: Record<KnowledgeGraphKind, Record<string, LanguageTemplates>> = {
  countries: COUNTRY_TEMPLATES,
  wordnet: WORDNET_TEMPLATES,
};

export function supportedLanguages(kg: string): string[] {
  return Object.keys(templateSet(kg));
}

/** The templates of `kg` in `language`; an InputError names what is supported when there are none. */
export function templatesFor(kg: string, language: string): LanguageTemplates {
  const templates = templateSet(kg)[language];
  if (!templates) {
    throw new InputError(
      `no question templates for language '${language}' in the ${kg} graph; supported: ${supportedLanguages(kg).join(', ')}`,
    );
  }
  return templates;
}

export function questionText(graph: KnowledgeGraph, walk: Walk, language: string): string {
  const templates = templatesFor(graph.name, language);
  const quote = templates.quoteName ?? ((name: string) => name);
  const startName = quote(nameOf(graph, walk.start, language));
  const phraseAfter = (hopCount: number, grammaticalCase: string): string => {
    if (hopCount === 0) return startName;
    const relation = walk.hops[hopCount - 1].relation;
    const phrase = relationTemplate(templates, graph.name, language, relation).phrase;
    const pattern = phrase[grammaticalCase] ?? phrase.nom;
    return pattern.replace(/\{(\w+)\}/, (_, innerCase: string) => phraseAfter(hopCount - 1, innerCase));
  };
  const text = templates.question.replace('{nom}', phraseAfter(walk.hops.length, 'nom'));
  return templates.polish ? templates.polish(text) : text;
}

export function relationLabel(graph: KnowledgeGraph, relation: string, language: string): string {
  return relationTemplate(templatesFor(graph.name, language), graph.name, language, relation).label;
}

function relationTemplate(templates: LanguageTemplates, kg: string, language: string, relation: string) {
  const template = templates.relations[relation];
  if (!template) throw new Error(`${kg} templates for '${language}' have no relation '${relation}'`);
  return template;
}

function templateSet(kg: string): Record<string, LanguageTemplates> {
  const set = TEMPLATE_SETS[kg as KnowledgeGraphKind];
  if (!set) throw new InputError(`unknown knowledge graph '${kg}'; expected one of ${KNOWLEDGE_GRAPH_KINDS.join(', ')}`);
  return set;
}
