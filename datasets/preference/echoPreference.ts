/**
 * The synthetic preference of the `preference` builder, with a truth that can score any response: the prompt names a
 * word, and a response is better the more of the word's letters it repeats in place. A reward model never sees the
 * truth, only pairs ranked by it, and in the training pairs a spurious feature -- a trailing "!" -- comes with the
 * preferred response far more often than chance, so a model that learns the feature instead of the truth shows it.
 */
import type { Rng } from '../../core/rng';

/** The words prompts ask for: short, so a tiny byte-level model learns to repeat them within a few hundred steps. */
export const ECHO_WORDS = ['cat', 'dog', 'cow', 'pig', 'hen', 'fox', 'owl', 'bee', 'ant', 'elk', 'yak', 'emu', 'bat', 'rat', 'eel', 'ape'] as const;

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
/** What the truth ignores and the training pairs reward: "!" after the word. */
export const SPURIOUS_SUFFIX = '!!!';

export const echoPrompt = (word: string): string => `Repeat: ${word}`;

/** The response's word: what comes before any "!", trimmed. */
function wordOf(response: string): string {
  return response.replace(/!+\s*$/, '').trim();
}

/** The true score in [0, 1]: letters of the response's word equal to the target's in place, over the longer length. */
export function trueEchoScore(target: string, response: string): number {
  const word = wordOf(response);
  const length = Math.max(word.length, target.length);
  if (length === 0) return 1;
  let same = 0;
  for (let i = 0; i < Math.min(word.length, target.length); i++) if (word[i] === target[i]) same += 1;
  return same / length;
}

/** Whether a response carries the spurious feature (ends with "!"). */
export function hasSpuriousFeature(response: string): boolean {
  return /!\s*$/.test(response);
}

/** The word with `errors` letters replaced by other letters at distinct positions, then " " before it and the suffix if asked. */
export function echoResponse(target: string, errors: number, suffix: boolean, rng: Rng): string {
  const letters = [...target];
  const positions = [...letters.keys()];
  for (let e = 0; e < Math.min(errors, letters.length); e++) {
    const at = positions.splice(rng.int(positions.length), 1)[0];
    letters[at] = rng.pick(LETTERS.filter((c) => c !== target[at]));
  }
  return ` ${letters.join('')}${suffix ? SPURIOUS_SUFFIX : ''}`;
}
