/** The wording of every template in every generator language. */
import type { MathLanguage } from '../languages';
import type { TemplateTexts } from '../templates';
import { bengaliTexts } from './bn';
import { germanTexts } from './de';
import { englishTexts } from './en';
import { spanishTexts } from './es';
import { basqueTexts } from './eu';
import { frenchTexts } from './fr';
import { japaneseTexts } from './ja';
import { russianTexts } from './ru';
import { swahiliTexts } from './sw';
import { teluguTexts } from './te';
import { thaiTexts } from './th';
import { chineseTexts } from './zh';

export const TEXTS: Record<MathLanguage, TemplateTexts> = {
  en: englishTexts,
  es: spanishTexts,
  fr: frenchTexts,
  de: germanTexts,
  ru: russianTexts,
  zh: chineseTexts,
  ja: japaneseTexts,
  th: thaiTexts,
  sw: swahiliTexts,
  bn: bengaliTexts,
  te: teluguTexts,
  eu: basqueTexts,
};
