/**
 * franc's trigram classifier (franc 6 / franc-all 7, `francAll` with `only`), ported line for line so that it runs
 * synchronously in CommonJS. franc is ESM-only: this repository compiles to CommonJS, jest's module system cannot
 * load ESM from node_modules at all, and Node 20's require(esm) does not reach inside jest, so calling franc would
 * mean a child process or an async import on every reward call. The model is franc's own data (frozen into
 * `francProfiles.ts` by its generator, so a franc upgrade cannot silently change rewards) and
 * test/unit/languageId.test.ts checks that this port picks what franc itself picks.
 */
import { FRANC_PROFILES } from './francProfiles';

export type FrancLanguage = keyof typeof FRANC_PROFILES;

/** franc's cap on the text it reads and its penalty for a trigram missing from a profile. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** Each profile as trigram -> rank (0 = most frequent), built once. */
const RANKS = Object.fromEntries(
  Object.entries(FRANC_PROFILES).map(([language, profile]) => [
    language,
    new Map(profile.split('|').map((trigram, rank) => [trigram, rank])),
  ]),
) as Record<FrancLanguage, Map<string, number>>;

/** trigram-utils' `asDictionary`: ASCII punctuation and digits become spaces, white space collapses, lower case. */
function trigramCounts(text: string): Map<string, number> {
  const cleaned = text.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const padded = ` ${cleaned} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** franc's distance: |count - rank - 1| for a trigram in the profile, 300 for one that is not. */
function distance(counts: Map<string, number>, ranks: Map<string, number>): number {
  let total = 0;
  for (const [trigram, count] of counts) {
    const rank = ranks.get(trigram);
    total += rank === undefined ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
  }
  return total;
}

/** The candidates ordered from nearest to farthest (ties keep the candidates' order, as franc's stable sort does). */
export function rankByTrigrams(text: string, candidates: readonly FrancLanguage[]): Array<{ language: FrancLanguage; distance: number }> {
  const counts = trigramCounts(text.slice(0, MAX_LENGTH));
  return candidates
    .map((language) => ({ language, distance: distance(counts, RANKS[language]) }))
    .sort((a, b) => a.distance - b.distance);
}

export function isFrancLanguage(language: string): language is FrancLanguage {
  return Object.prototype.hasOwnProperty.call(FRANC_PROFILES, language);
}
