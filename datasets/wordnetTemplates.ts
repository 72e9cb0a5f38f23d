/**
 * English question phrases and document labels for WordNet. Lemmas are quoted: they are words, and a bare
 * "bank" inside a nested phrase reads badly. Usually many-valued relations say "the only ...".
 */
import { LanguageTemplates, plain } from './languageTemplates';

const en: LanguageTemplates = {
  question: 'What is {nom}?',
  yes: 'yes',
  no: 'no',
  attributes: {},
  quoteName: (name) => `"${name}"`,
  relations: {
    hypernym: plain('the broader category of {nom}', 'Broader category'),
    instance_hypernym: plain('the category that {nom} is an instance of', 'Instance of'),
    hyponym: plain('the only kind of {nom}', 'Kinds'),
    instance_hyponym: plain('the only instance of {nom}', 'Instances'),
    member_holonym: plain('the group that {nom} is a member of', 'Member of'),
    member_meronym: plain('the only member of {nom}', 'Members'),
    part_holonym: plain('the whole that {nom} is part of', 'Part of'),
    part_meronym: plain('the only part of {nom}', 'Parts'),
    substance_holonym: plain('the thing that {nom} is a substance of', 'Substance of'),
    substance_meronym: plain('the only substance of {nom}', 'Substances'),
    antonym: plain('the opposite of {nom}', 'Opposite'),
    attribute: plain('the attribute linked to {nom}', 'Attribute'),
    entailment: plain('the action entailed by {nom}', 'Entails'),
    cause: plain('the effect caused by {nom}', 'Causes'),
    similar_to: plain('the only adjective similar to {nom}', 'Similar to'),
    also_see: plain('the only concept related to {nom}', 'See also'),
    verb_group: plain('the only verb grouped with {nom}', 'Verb group'),
    pertainym: plain('the word that {nom} pertains to', 'Pertains to'),
    participle_of: plain('the verb that {nom} is a participle of', 'Participle of'),
    domain_topic: plain('the topic domain of {nom}', 'Topic domain'),
    domain_topic_member: plain('the only term in the topic domain {nom}', 'Terms of this topic'),
    domain_region: plain('the region domain of {nom}', 'Region domain'),
    domain_region_member: plain('the only term in the region domain {nom}', 'Terms of this region'),
    domain_usage: plain('the usage domain of {nom}', 'Usage domain'),
    domain_usage_member: plain('the only term in the usage domain {nom}', 'Terms of this usage'),
  },
};

export const WORDNET_TEMPLATES: Record<string, LanguageTemplates> = { en };
