/**
 * Question phrases and document labels for the countries graph. Relations that are usually many-valued say
 * "the only ...": a walk follows them only where the subject has exactly one object.
 */
import { LanguageTemplates, plain } from './languageTemplates';

const en: LanguageTemplates = {
  question: 'What is {nom}?',
  yes: 'yes',
  no: 'no',
  attributes: { landlocked: 'Landlocked' },
  relations: {
    borders: plain('the only country bordering {nom}', 'Borders'),
    capital: plain('the capital of {nom}', 'Capital'),
    capital_of: plain('the country whose capital is {nom}', 'Capital of'),
    currency: plain('the currency of {nom}', 'Currency'),
    currency_of: plain('the only country using {nom} as its currency', 'Currency of'),
    official_language: plain('the official language of {nom}', 'Official language'),
    spoken_in: plain('the only country where {nom} is an official language', 'Official language in'),
    region: plain('the region of {nom}', 'Region'),
    region_of: plain('the only country in the region {nom}', 'Countries in the region'),
    subregion: plain('the subregion of {nom}', 'Subregion'),
    subregion_of: plain('the only country in the subregion {nom}', 'Countries in the subregion'),
    part_of_region: plain('the region that contains {nom}', 'Part of the region'),
    has_subregion: plain('the only subregion of {nom}', 'Subregions'),
  },
};

const es: LanguageTemplates = {
  question: '¿Cuál es {nom}?',
  yes: 'sí',
  no: 'no',
  attributes: { landlocked: 'Sin litoral' },
  relations: {
    borders: plain('el único país que limita con {nom}', 'Limita con'),
    capital: plain('la capital de {nom}', 'Capital'),
    capital_of: plain('el país cuya capital es {nom}', 'Capital de'),
    currency: plain('la moneda de {nom}', 'Moneda'),
    currency_of: plain('el único país que usa {nom} como moneda', 'Moneda de'),
    official_language: plain('el idioma oficial de {nom}', 'Idioma oficial'),
    spoken_in: plain('el único país donde {nom} es idioma oficial', 'Idioma oficial en'),
    region: plain('la región de {nom}', 'Región'),
    region_of: plain('el único país de la región {nom}', 'Países de la región'),
    subregion: plain('la subregión de {nom}', 'Subregión'),
    subregion_of: plain('el único país de la subregión {nom}', 'Países de la subregión'),
    part_of_region: plain('la región que contiene {nom}', 'Parte de la región'),
    has_subregion: plain('la única subregión de {nom}', 'Subregiones'),
  },
  polish: (text) => text.replace(/\bde el /g, 'del ').replace(/\ba el /g, 'al '),
};

const fr: LanguageTemplates = {
  question: 'Quel est le nom de {nom} ?',
  yes: 'oui',
  no: 'non',
  attributes: { landlocked: 'Enclavé' },
  relations: {
    borders: plain('le seul pays frontalier de {nom}', 'Frontalier de'),
    capital: plain('la capitale de {nom}', 'Capitale'),
    capital_of: plain('le pays dont la capitale est {nom}', 'Capitale de'),
    currency: plain('la monnaie de {nom}', 'Monnaie'),
    currency_of: plain('le seul pays qui utilise {nom} comme monnaie', 'Monnaie de'),
    official_language: plain('la langue officielle de {nom}', 'Langue officielle'),
    spoken_in: plain('le seul pays où {nom} est langue officielle', 'Langue officielle en'),
    region: plain('la région de {nom}', 'Région'),
    region_of: plain('le seul pays de la région {nom}', 'Pays de la région'),
    subregion: plain('la sous-région de {nom}', 'Sous-région'),
    subregion_of: plain('le seul pays de la sous-région {nom}', 'Pays de la sous-région'),
    part_of_region: plain('la région qui contient {nom}', 'Fait partie de la région'),
    has_subregion: plain('la seule sous-région de {nom}', 'Sous-régions'),
  },
  polish: (text) =>
    text
      .replace(/\bde le /g, 'du ')
      .replace(/\bde les /g, 'des ')
      .replace(/\bde ([aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊËÎÏÔÛ])/g, "d'$1"),
};

/** German: von/an/in take the dative, so each phrase comes in nominative and dative. */
const de: LanguageTemplates = {
  question: 'Was ist {nom}?',
  yes: 'ja',
  no: 'nein',
  attributes: { landlocked: 'Binnenstaat' },
  relations: {
    borders: { phrase: { nom: 'das einzige Land, das an {dat} grenzt', dat: 'dem einzigen Land, das an {dat} grenzt' }, label: 'Grenzt an' },
    capital: { phrase: { nom: 'die Hauptstadt von {dat}', dat: 'der Hauptstadt von {dat}' }, label: 'Hauptstadt' },
    capital_of: { phrase: { nom: 'das Land, dessen Hauptstadt {nom} ist', dat: 'dem Land, dessen Hauptstadt {nom} ist' }, label: 'Hauptstadt von' },
    currency: { phrase: { nom: 'die Währung von {dat}', dat: 'der Währung von {dat}' }, label: 'Währung' },
    currency_of: { phrase: { nom: 'das einzige Land, das {nom} als Währung verwendet', dat: 'dem einzigen Land, das {nom} als Währung verwendet' }, label: 'Währung von' },
    official_language: { phrase: { nom: 'die Amtssprache von {dat}', dat: 'der Amtssprache von {dat}' }, label: 'Amtssprache' },
    spoken_in: { phrase: { nom: 'das einzige Land, in dem {nom} Amtssprache ist', dat: 'dem einzigen Land, in dem {nom} Amtssprache ist' }, label: 'Amtssprache in' },
    region: { phrase: { nom: 'die Region von {dat}', dat: 'der Region von {dat}' }, label: 'Region' },
    region_of: { phrase: { nom: 'das einzige Land in der Region {nom}', dat: 'dem einzigen Land in der Region {nom}' }, label: 'Länder der Region' },
    subregion: { phrase: { nom: 'die Subregion von {dat}', dat: 'der Subregion von {dat}' }, label: 'Subregion' },
    subregion_of: { phrase: { nom: 'das einzige Land in der Subregion {nom}', dat: 'dem einzigen Land in der Subregion {nom}' }, label: 'Länder der Subregion' },
    part_of_region: { phrase: { nom: 'die Region, die {nom} enthält', dat: 'der Region, die {nom} enthält' }, label: 'Teil der Region' },
    has_subregion: { phrase: { nom: 'die einzige Subregion von {dat}', dat: 'der einzigen Subregion von {dat}' }, label: 'Subregionen' },
  },
};

/** Russian: nested phrases take the genitive; names stay in the nominative (they cannot be declined here). */
const ru: LanguageTemplates = {
  question: 'Как называется {nom}?',
  yes: 'да',
  no: 'нет',
  attributes: { landlocked: 'Не имеет выхода к морю' },
  relations: {
    borders: { phrase: { nom: 'единственный сосед {gen}', gen: 'единственного соседа {gen}' }, label: 'Граничит с' },
    capital: { phrase: { nom: 'столица {gen}', gen: 'столицы {gen}' }, label: 'Столица' },
    capital_of: { phrase: { nom: 'страна, столица которой — {nom}', gen: 'страны, столица которой — {nom}' }, label: 'Столица страны' },
    currency: { phrase: { nom: 'валюта {gen}', gen: 'валюты {gen}' }, label: 'Валюта' },
    currency_of: { phrase: { nom: 'единственная страна, где валюта — {nom}', gen: 'единственной страны, где валюта — {nom}' }, label: 'Валюта страны' },
    official_language: { phrase: { nom: 'официальный язык {gen}', gen: 'официального языка {gen}' }, label: 'Официальный язык' },
    spoken_in: { phrase: { nom: 'единственная страна, где официальный язык — {nom}', gen: 'единственной страны, где официальный язык — {nom}' }, label: 'Официальный язык в' },
    region: { phrase: { nom: 'регион {gen}', gen: 'региона {gen}' }, label: 'Регион' },
    region_of: { phrase: { nom: 'единственная страна региона {nom}', gen: 'единственной страны региона {nom}' }, label: 'Страны региона' },
    subregion: { phrase: { nom: 'субрегион {gen}', gen: 'субрегиона {gen}' }, label: 'Субрегион' },
    subregion_of: { phrase: { nom: 'единственная страна субрегиона {nom}', gen: 'единственной страны субрегиона {nom}' }, label: 'Страны субрегиона' },
    part_of_region: { phrase: { nom: 'регион, включающий {nom}', gen: 'региона, включающего {nom}' }, label: 'Часть региона' },
    has_subregion: { phrase: { nom: 'единственный субрегион {gen}', gen: 'единственного субрегиона {gen}' }, label: 'Субрегионы' },
  },
};

const zh: LanguageTemplates = {
  question: '{nom}是什么？',
  yes: '是',
  no: '否',
  attributes: { landlocked: '内陆国' },
  relations: {
    borders: plain('与{nom}接壤的唯一国家', '接壤'),
    capital: plain('{nom}的首都', '首都'),
    capital_of: plain('首都为{nom}的国家', '首都所属国家'),
    currency: plain('{nom}的货币', '货币'),
    currency_of: plain('唯一使用{nom}作为货币的国家', '使用该货币的国家'),
    official_language: plain('{nom}的官方语言', '官方语言'),
    spoken_in: plain('以{nom}为官方语言的唯一国家', '以其为官方语言的国家'),
    region: plain('{nom}所属的地区', '地区'),
    region_of: plain('{nom}地区的唯一国家', '该地区的国家'),
    subregion: plain('{nom}所属的次区域', '次区域'),
    subregion_of: plain('{nom}次区域的唯一国家', '该次区域的国家'),
    part_of_region: plain('包含{nom}的地区', '所属地区'),
    has_subregion: plain('{nom}的唯一次区域', '下属次区域'),
  },
};

const ja: LanguageTemplates = {
  question: '{nom}は何ですか？',
  yes: 'はい',
  no: 'いいえ',
  attributes: { landlocked: '内陸国' },
  relations: {
    borders: plain('{nom}と国境を接する唯一の国', '隣接国'),
    capital: plain('{nom}の首都', '首都'),
    capital_of: plain('首都が{nom}である国', '首都である国'),
    currency: plain('{nom}の通貨', '通貨'),
    currency_of: plain('{nom}を通貨とする唯一の国', '通貨として使う国'),
    official_language: plain('{nom}の公用語', '公用語'),
    spoken_in: plain('{nom}を公用語とする唯一の国', '公用語とする国'),
    region: plain('{nom}が属する地域', '地域'),
    region_of: plain('{nom}地域の唯一の国', '地域の国'),
    subregion: plain('{nom}が属する小地域', '小地域'),
    subregion_of: plain('{nom}小地域の唯一の国', '小地域の国'),
    part_of_region: plain('{nom}を含む地域', '属する地域'),
    has_subregion: plain('{nom}の唯一の小地域', '含まれる小地域'),
  },
};

const sw: LanguageTemplates = {
  question: 'Taja {nom}.',
  yes: 'ndiyo',
  no: 'hapana',
  attributes: { landlocked: 'Haina pwani' },
  relations: {
    borders: plain('nchi pekee inayopakana na {nom}', 'Inapakana na'),
    capital: plain('mji mkuu wa {nom}', 'Mji mkuu'),
    capital_of: plain('nchi ambayo mji mkuu wake ni {nom}', 'Mji mkuu wa'),
    currency: plain('sarafu ya {nom}', 'Sarafu'),
    currency_of: plain('nchi pekee inayotumia {nom} kama sarafu', 'Sarafu ya'),
    official_language: plain('lugha rasmi ya {nom}', 'Lugha rasmi'),
    spoken_in: plain('nchi pekee ambako {nom} ni lugha rasmi', 'Lugha rasmi katika'),
    region: plain('kanda ya {nom}', 'Kanda'),
    region_of: plain('nchi pekee katika kanda ya {nom}', 'Nchi za kanda'),
    subregion: plain('kanda ndogo ya {nom}', 'Kanda ndogo'),
    subregion_of: plain('nchi pekee katika kanda ndogo ya {nom}', 'Nchi za kanda ndogo'),
    part_of_region: plain('kanda inayojumuisha {nom}', 'Sehemu ya kanda'),
    has_subregion: plain('kanda ndogo pekee ya {nom}', 'Kanda ndogo zake'),
  },
};

const te: LanguageTemplates = {
  question: '{nom} ఏమిటి?',
  yes: 'అవును',
  no: 'కాదు',
  attributes: { landlocked: 'భూపరివేష్టిత దేశం' },
  relations: {
    borders: plain('{nom}తో సరిహద్దు పంచుకునే ఏకైక దేశం', 'సరిహద్దు దేశాలు'),
    capital: plain('{nom} యొక్క రాజధాని', 'రాజధాని'),
    capital_of: plain('రాజధాని {nom} అయిన దేశం', 'రాజధానిగా ఉన్న దేశం'),
    currency: plain('{nom} యొక్క కరెన్సీ', 'కరెన్సీ'),
    currency_of: plain('{nom}ను కరెన్సీగా ఉపయోగించే ఏకైక దేశం', 'కరెన్సీ వాడే దేశాలు'),
    official_language: plain('{nom} యొక్క అధికార భాష', 'అధికార భాష'),
    spoken_in: plain('{nom} అధికార భాషగా ఉన్న ఏకైక దేశం', 'అధికార భాషగా ఉన్న దేశాలు'),
    region: plain('{nom} యొక్క ప్రాంతం', 'ప్రాంతం'),
    region_of: plain('{nom} ప్రాంతంలోని ఏకైక దేశం', 'ప్రాంతంలోని దేశాలు'),
    subregion: plain('{nom} యొక్క ఉపప్రాంతం', 'ఉపప్రాంతం'),
    subregion_of: plain('{nom} ఉపప్రాంతంలోని ఏకైక దేశం', 'ఉపప్రాంతంలోని దేశాలు'),
    part_of_region: plain('{nom}ను కలిగి ఉన్న ప్రాంతం', 'చెందిన ప్రాంతం'),
    has_subregion: plain('{nom} యొక్క ఏకైక ఉపప్రాంతం', 'ఉపప్రాంతాలు'),
  },
};

export const COUNTRY_TEMPLATES: Record<string, LanguageTemplates> = { en, es, fr, de, ru, zh, ja, sw, te };
