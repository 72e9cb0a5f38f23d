/** A sampled token with its log-prob and, when asked for, the most likely alternatives at its step. */
export interface TokenEntry {
  token: number;
  logprob: number;
  top: Array<{ token: number; logprob: number }>;
}

/** How much of a row's tokens and text a stream has been sent. */
export interface Delta {
  text: string;
  entries: TokenEntry[];
}

/** What a decoder shows for a character whose bytes have not all arrived. */
const REPLACEMENT = '\ufffd';

/**
 * One choice as its tokens arrive: the entries and the text they decode to. Text is only ever handed out up to a
 * character boundary, and never a tail that could still become a stop string, so what a stream sends is always a
 * prefix of the final text the sampler returns.
 */
export class RowTrack {
  readonly entries: TokenEntry[] = [];
  /** The text tokens so far (special tokens are no text). */
  private readonly ids: number[] = [];
  private text = '';
  /** Token counts after which every character is complete, with the text length there. */
  private readonly boundaries = [{ tokens: 0, chars: 0 }];
  private sentTokens = 0;
  private sentChars = 0;

  /** `decode` is the tokenizer's: the text of the ids, a character cut short at the end shown as U+FFFD. */
  constructor(
    private readonly stop: readonly string[],
    private readonly decode: (ids: readonly number[]) => string,
  ) {}

  add(entry: TokenEntry, isText: boolean): void {
    this.entries.push(entry);
    if (isText) {
      this.ids.push(entry.token);
      // The whole row again, not just the new token: pieces join across tokens (a character in several byte tokens,
      // a SentencePiece word boundary), and only the whole decodes as the sampler's final text does.
      this.text = this.decode(this.ids);
    }
    if (!this.text.endsWith(REPLACEMENT)) this.boundaries.push({ tokens: this.entries.length, chars: this.text.length });
  }

  /** The newly safe part: up to the last character boundary that leaves out any tail a stop string could start with. */
  release(): Delta {
    const safe = this.text.length - this.stopPrefixAtEnd();
    let i = this.boundaries.length - 1;
    while (this.boundaries[i].chars > safe) i--;
    return this.send(this.boundaries[i].tokens, this.text.slice(0, this.boundaries[i].chars));
  }

  /** The entries that make up `finalText` (the sampler's text, cut before a stop string) and the rest of it unsent. */
  finish(finalText: string): Delta {
    const end = this.boundaries.find((b) => b.chars >= finalText.length) ?? { tokens: this.entries.length };
    return this.send(end.tokens, finalText);
  }

  /** The entries handed out so far: after finish(), exactly the tokens of the final text. */
  get sentEntries(): TokenEntry[] {
    return this.entries.slice(0, this.sentTokens);
  }

  private send(tokens: number, text: string): Delta {
    const delta = { text: text.slice(this.sentChars), entries: this.entries.slice(this.sentTokens, Math.max(tokens, this.sentTokens)) };
    this.sentTokens = Math.max(this.sentTokens, tokens);
    this.sentChars = Math.max(this.sentChars, text.length);
    return delta;
  }

  private stopPrefixAtEnd(): number {
    let longest = 0;
    for (const s of this.stop) {
      for (let k = Math.min(s.length, this.text.length); k > longest; k--) {
        if (this.text.endsWith(s.slice(0, k))) {
          longest = k;
          break;
        }
      }
    }
    return longest;
  }
}
