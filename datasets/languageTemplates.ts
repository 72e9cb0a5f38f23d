/**
 * The shape of one language's templates for one knowledge graph. A relation's phrase wraps the phrase built so
 * far ("the capital of {nom}"); `{nom}`, `{dat}`, `{gen}` ask for the inner phrase in that grammatical case, so
 * languages with cases (de, ru) can nest noun phrases; entity names are the same in every case.
 */
export interface RelationTemplate {
  /** The phrase per case; every language has `nom`. */
  phrase: Record<string, string>;
  /** Short label for the relation in an entity's document ("Capital: Madrid"). */
  label: string;
}

export interface LanguageTemplates {
  /** Frame around the full phrase, e.g. "What is {nom}?". */
  question: string;
  relations: Record<string, RelationTemplate>;
  /** Words for the boolean attributes in documents. */
  yes: string;
  no: string;
  attributes: Record<string, string>;
  /** How an entity name enters a phrase (quotes for WordNet lemmas). */
  quoteName?: (name: string) => string;
  /** Contractions the nesting creates (fr "de le" -> "du"). */
  polish?: (text: string) => string;
}

/** A template for a language without case inflection of the inner phrase. */
export function plain(phrase: string, label: string): RelationTemplate {
  return { phrase: { nom: phrase }, label };
}
