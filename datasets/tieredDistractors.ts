/**
 * LongTraceRL contexts: the gold documents, then Tier 1 distractors (opened by the search agent but not cited,
 * highly confusable), then Tier 2 (seen in results, never opened), until the target length; the last document is
 * cut short where that is the only way to land within 5%.
 */
import { Rng } from '../core/rng';
import { Document, documentLength } from './corpus';
import { Trajectory } from './searchAgent';

export type Tier = 'gold' | 'tier1' | 'tier2';

export interface ContextDocument extends Document {
  tier: Tier;
}

/** A context's length may miss its target by at most this share. */
export const CONTEXT_LENGTH_TOLERANCE = 0.05;

/** Tier 1 in the order first opened, Tier 2 in the order first seen; gold documents are never distractors. */
export function tiersFromTrajectory(trajectory: Trajectory, goldIds: readonly string[]): { tier1: string[]; tier2: string[] } {
  const gold = new Set(goldIds);
  const cited = new Set(trajectory.cited);
  const opened = new Set(trajectory.opened);
  const tier1 = trajectory.opened.filter((id) => !cited.has(id) && !gold.has(id));
  const tier2: string[] = [];
  for (const { results } of trajectory.queries) {
    for (const id of results) if (!opened.has(id) && !gold.has(id) && !tier2.includes(id)) tier2.push(id);
  }
  return { tier1, tier2 };
}

export interface ContextSources {
  gold: readonly Document[];
  tier1: readonly Document[];
  tier2: readonly Document[];
}

/** The longest gold context a target admits. */
export function maxContextLength(targetChars: number): number {
  return Math.floor(targetChars * (1 + CONTEXT_LENGTH_TOLERANCE));
}

/**
 * Gold, Tier 1 and Tier 2 documents up to `targetChars` (within 5%), shuffled with `rng`; `minPerTier` documents of
 * each tier are taken first (those the trajectory has, and that fit), so a context holds both kinds of distractor.
 */
export function buildTieredContext(sources: ContextSources, targetChars: number, rng: Rng, minPerTier = 0): ContextDocument[] {
  const lower = Math.ceil(targetChars * (1 - CONTEXT_LENGTH_TOLERANCE));
  const upper = maxContextLength(targetChars);
  const chosen: ContextDocument[] = sources.gold.map((doc) => ({ ...doc, tier: 'gold' }));
  let total = chosen.reduce((sum, doc) => sum + documentLength(doc), 0);
  if (total > upper) {
    throw new Error(`gold documents need ${total} characters, more than ${upper} (target ${targetChars} + 5%)`);
  }
  const used = new Set(chosen.map((doc) => doc.id));
  let firstTooLong: ContextDocument | undefined;
  for (const doc of candidatesOf(sources, minPerTier)) {
    if (total >= targetChars) break;
    if (used.has(doc.id)) continue;
    used.add(doc.id);
    const length = documentLength(doc);
    if (total + length <= upper) {
      chosen.push(doc);
      total += length;
    } else {
      firstTooLong ??= doc;
    }
  }
  if (total < lower) {
    if (!firstTooLong) {
      throw new Error(
        `the search agent's results hold only ${total} characters of documents, short of a ${targetChars}-character context`,
      );
    }
    chosen.push(truncated(firstTooLong, targetChars - total, lower - total));
  }
  return rng.shuffle(chosen);
}

function* candidatesOf(sources: ContextSources, minPerTier: number): Generator<ContextDocument> {
  const tier1 = sources.tier1.map((doc): ContextDocument => ({ ...doc, tier: 'tier1' }));
  const tier2 = sources.tier2.map((doc): ContextDocument => ({ ...doc, tier: 'tier2' }));
  yield* tier1.slice(0, minPerTier);
  yield* tier2.slice(0, minPerTier);
  yield* tier1.slice(minPerTier);
  yield* tier2.slice(minPerTier);
}

/** The document cut to `length` characters in all (title kept), back to a word boundary if it stays >= `minLength`. */
function truncated(doc: ContextDocument, length: number, minLength: number): ContextDocument {
  if (doc.title.length >= length) {
    throw new Error(`cannot cut document ${doc.id} to ${length} characters: its title alone is longer`);
  }
  let end = length - doc.title.length;
  const space = doc.text.lastIndexOf(' ', end);
  if (space >= 0 && doc.title.length + space >= minLength) end = space;
  // Never split a surrogate pair.
  const code = doc.text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { ...doc, text: doc.text.slice(0, end) };
}
