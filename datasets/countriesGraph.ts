/**
 * The countries knowledge graph: world-countries facts (capital, borders, region, subregion, languages,
 * currencies, landlocked) with names from i18n-iso-countries and, for what it lacks, CLDR.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import worldCountries from 'world-countries';
import * as isoCountries from 'i18n-iso-countries';
import { buildKnowledgeGraph, Entity, Fact, KnowledgeGraph } from './knowledgeGraph';

/** Languages that need names beyond i18n-iso-countries' locales (their country names come from CLDR). */
const EXTRA_NAME_LANGUAGES = ['te'];

/** UN M49 codes of world-countries' regions and subregions, so CLDR can name them; the rest stay English. */
const M49_CODES: Record<string, string> = {
  Africa: '002', Americas: '019', Asia: '142', Europe: '150', Oceania: '009', Antarctic: 'AQ',
  Caribbean: '029', 'Southern Asia': '034', 'Middle Africa': '017', 'Northern Europe': '154',
  'Southern Europe': '039', 'Western Asia': '145', 'South America': '005', Polynesia: '061',
  'Australia and New Zealand': '053', 'Eastern Africa': '014', 'Western Europe': '155', 'Western Africa': '011',
  'Eastern Europe': '151', 'Central America': '013', 'North America': '021', 'South-Eastern Asia': '035',
  'Southern Africa': '018', 'Eastern Asia': '030', 'Northern Africa': '015', Melanesia: '054', Micronesia: '057',
  'Central Asia': '143',
};

export const COUNTRY_INVERSE_RELATIONS: Record<string, string> = {
  borders: 'borders',
  capital: 'capital_of',
  capital_of: 'capital',
  currency: 'currency_of',
  currency_of: 'currency',
  official_language: 'spoken_in',
  spoken_in: 'official_language',
  region: 'region_of',
  region_of: 'region',
  subregion: 'subregion_of',
  subregion_of: 'subregion',
  part_of_region: 'has_subregion',
  has_subregion: 'part_of_region',
};

let cached: KnowledgeGraph | undefined;

/** Built once per process: the sources are static package data. */
export function loadCountriesGraph(): KnowledgeGraph {
  cached ??= buildCountriesGraph();
  return cached;
}

function buildCountriesGraph(): KnowledgeGraph {
  const languages = registerIsoLocales();
  const cldr = new CldrNames([...languages, ...EXTRA_NAME_LANGUAGES]);
  const entities = new Map<string, Entity>();
  const facts: Fact[] = [];
  const link = (subject: string, relation: string, object: string) => {
    facts.push({ subject, relation, object });
    facts.push({ subject: object, relation: COUNTRY_INVERSE_RELATIONS[relation], object: subject });
  };
  const add = (entity: Entity) => {
    if (!entities.has(entity.id)) entities.set(entity.id, entity);
    return entity.id;
  };
  const capitalIds = capitalCityIds();

  for (const country of worldCountries) {
    const names: Record<string, string> = { en: country.name.common };
    for (const language of languages) {
      const name = isoCountries.getName(country.cca2, language);
      if (name && language !== 'en') names[language] = name;
    }
    for (const language of EXTRA_NAME_LANGUAGES) {
      const name = cldr.territory(language, country.cca2);
      if (name) names[language] = name;
    }
    const aliases = unique([country.name.official, ...country.altSpellings.filter((s) => s.length > 3)])
      .filter((alias) => alias !== country.name.common);
    add({ id: country.cca3, type: 'country', names, aliases, attributes: { landlocked: country.landlocked } });
  }

  for (const country of worldCountries) {
    const id = country.cca3;
    for (const neighbour of country.borders) {
      if (entities.has(neighbour)) facts.push({ subject: id, relation: 'borders', object: neighbour });
    }
    for (const capital of country.capital) {
      link(id, 'capital', add({ id: capitalIds.get(`${id}/${capital}`)!, type: 'city', names: { en: capital } }));
    }
    for (const [code, currency] of Object.entries(country.currencies ?? {})) {
      link(id, 'currency', add({ id: `currency:${code}`, type: 'currency', names: { en: currency.name } }));
    }
    for (const [code, name] of Object.entries(country.languages ?? {})) {
      link(id, 'official_language', add({ id: `language:${code}`, type: 'language', names: cldr.language(code, name) }));
    }
    if (country.region) {
      const regionId = add({ id: `region:${slug(country.region)}`, type: 'region', names: cldr.area(country.region) });
      link(id, 'region', regionId);
      if (country.subregion) {
        const names = cldr.area(country.subregion);
        const subregionId = add({ id: `subregion:${slug(country.subregion)}`, type: 'subregion', names });
        link(id, 'subregion', subregionId);
        link(subregionId, 'part_of_region', regionId);
      }
    }
  }
  return buildKnowledgeGraph('countries', entities.values(), facts, COUNTRY_INVERSE_RELATIONS);
}

/** `city:<slug>`, with the country's code appended where two capitals share a name (e.g. Kingston). */
function capitalCityIds(): Map<string, string> {
  const countBySlug = new Map<string, number>();
  for (const country of worldCountries) {
    for (const capital of country.capital) countBySlug.set(slug(capital), (countBySlug.get(slug(capital)) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  for (const country of worldCountries) {
    for (const capital of country.capital) {
      const base = `city:${slug(capital)}`;
      ids.set(`${country.cca3}/${capital}`, countBySlug.get(slug(capital))! > 1 ? `${base}-${country.cca3.toLowerCase()}` : base);
    }
  }
  return ids;
}

function registerIsoLocales(): string[] {
  const locales: string[] = require('i18n-iso-countries/supportedLocales.json');
  for (const locale of locales) isoCountries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));
  return [...locales].sort();
}

/** Names from cldr-localenames-full for the languages it covers, read lazily per language. */
class CldrNames {
  private readonly root = path.join(path.dirname(require.resolve('cldr-localenames-full/package.json')), 'main');
  private readonly languageAliases: Record<string, { _replacement: string; _reason: string }> =
    require('cldr-core/supplemental/aliases.json').supplemental.metadata.alias.languageAlias;
  private readonly tables = new Map<string, Record<string, string>>();

  constructor(private readonly languages: string[]) {}

  territory(language: string, code: string): string | undefined {
    return this.table(language, 'territories')[code];
  }

  /** A region or subregion name per language, English where CLDR has no M49 code for it. */
  area(englishName: string): Record<string, string> {
    const code = M49_CODES[englishName];
    return this.namesFor(englishName, (language) => (code ? this.territory(language, code) : undefined));
  }

  /** world-countries keys languages by ISO 639-3; CLDR uses the two-letter code where one exists. */
  language(code: string, englishName: string): Record<string, string> {
    const alias = this.languageAliases[code];
    const cldrCode = alias?._reason === 'overlong' ? alias._replacement : code;
    return this.namesFor(englishName, (language) => this.table(language, 'languages')[cldrCode]);
  }

  private namesFor(englishName: string, lookup: (language: string) => string | undefined): Record<string, string> {
    const names: Record<string, string> = { en: englishName };
    for (const language of this.languages) {
      const name = language === 'en' ? undefined : lookup(language);
      if (name) names[language] = name;
    }
    return names;
  }

  private table(language: string, kind: 'territories' | 'languages'): Record<string, string> {
    const key = `${language}/${kind}`;
    let table = this.tables.get(key);
    if (!table) {
      const file = path.join(this.root, language, `${kind}.json`);
      table = fs.existsSync(file)
        ? JSON.parse(fs.readFileSync(file, 'utf8')).main[language].localeDisplayNames[kind]
        : {};
      this.tables.set(key, table!);
    }
    return table!;
  }
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
