/**
 * The languages of the math generator (the MGSM languages plus Basque) and how each writes numbers.
 *
 * Digits follow what is customary in print for each language, which here is CLDR's default numbering system:
 * Bengali digits (০-৯) for bn; Western digits for th and te (Thai and Telugu digits exist but everyday text,
 * prices and most school material use Western digits); Western digits for ja and zh (not full-width, not CJK
 * numerals). The numbering system is still spelled out per language, so a change in the ICU defaults of a Node
 * release cannot silently change the dataset bytes.
 */
export const MATH_LANGUAGES = ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'th', 'sw', 'bn', 'te', 'eu'] as const;

export type MathLanguage = (typeof MATH_LANGUAGES)[number];

export interface NumberConvention {
  /** BCP 47 tag handed to Intl. */
  locale: string;
  /** Intl numbering system id of the digits used in the problem text. */
  numberingSystem: string;
}

export const NUMBER_CONVENTIONS: Record<MathLanguage, NumberConvention> = {
  en: { locale: 'en', numberingSystem: 'latn' },
  es: { locale: 'es', numberingSystem: 'latn' },
  fr: { locale: 'fr', numberingSystem: 'latn' },
  de: { locale: 'de', numberingSystem: 'latn' },
  ru: { locale: 'ru', numberingSystem: 'latn' },
  zh: { locale: 'zh', numberingSystem: 'latn' },
  ja: { locale: 'ja', numberingSystem: 'latn' },
  th: { locale: 'th', numberingSystem: 'latn' },
  sw: { locale: 'sw', numberingSystem: 'latn' },
  bn: { locale: 'bn', numberingSystem: 'beng' },
  te: { locale: 'te', numberingSystem: 'latn' },
  eu: { locale: 'eu', numberingSystem: 'latn' },
};

export function isMathLanguage(code: string): code is MathLanguage {
  return (MATH_LANGUAGES as readonly string[]).includes(code);
}
