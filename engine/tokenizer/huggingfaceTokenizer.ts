import { Tokenizer as TokenizerCore } from '@huggingface/tokenizers';
import { InputError } from '../../core/errors';
import { ChatMessage, ChatRenderOptions, ChatTemplate, chatTemplateSource } from './chatTemplate';
import type { Tokenizer } from './tokenizer';

/** The parsed files a Hugging Face tokenizer is made of; `where` names their folder or checkpoint in errors. */
export interface HuggingFaceTokenizerFiles {
  /** tokenizer.json */
  tokenizer: unknown;
  /** tokenizer_config.json ({} when absent). */
  tokenizerConfig: Record<string, unknown>;
  /** chat_template.jinja, which newer transformers write instead of tokenizer_config.json's chat_template. */
  chatTemplate?: string;
  /** The model's config.json: its bos/eos/pad_token_id fill what tokenizer_config.json leaves out. */
  modelConfig?: Record<string, unknown>;
  where: string;
}

const SPECIAL_TOKEN_NAMES = ['bos_token', 'eos_token', 'pad_token', 'unk_token'] as const;

/**
 * A tokenizer.json tokenizer run by @huggingface/tokenizers (the tokenizer of transformers.js), with the special
 * tokens and chat template of tokenizer_config.json.
 */
export class HuggingFaceTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bos: number | null;
  readonly eos: number;
  readonly pad: number;
  readonly chatTemplate: ChatTemplate | undefined;
  private readonly core: TokenizerCore;
  private readonly specialIds: ReadonlySet<number>;
  /** Each token's piece as tokenizer.json spells it, by id. */
  private readonly pieces: string[] = [];
  /** Whether pieces spell bytes in GPT-2's byte-level alphabet (a ByteLevel decoder), or text with U+2581 for spaces. */
  private readonly byteLevel: boolean;

  constructor(files: HuggingFaceTokenizerFiles) {
    const { tokenizerConfig: config, where } = files;
    try {
      this.core = new TokenizerCore(files.tokenizer as object, config);
    } catch (e) {
      throw new InputError(`${where}/tokenizer.json: not a tokenizer @huggingface/tokenizers can load: ${(e as Error).message}`);
    }
    // A loop, not Math.max(...ids): a real vocabulary (150k ids) overflows the call stack as arguments.
    let highest = -1;
    for (const [piece, id] of this.core.get_vocab(true)) {
      highest = Math.max(highest, id);
      this.pieces[id] = piece;
    }
    this.vocabSize = highest + 1;
    this.byteLevel = JSON.stringify((files.tokenizer as { decoder?: unknown }).decoder ?? null).includes('"ByteLevel"');
    this.specialIds = new Set([...this.core.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id));
    // The template sees every special token by name, as transformers passes them.
    const specialText: Record<string, string> = {};
    for (const name of SPECIAL_TOKEN_NAMES) {
      const text = tokenText(config[name], `${where}/tokenizer_config.json: ${name}`);
      if (text !== null) specialText[name] = text;
    }
    const idOf = (name: 'bos_token' | 'eos_token' | 'pad_token'): number | null => {
      const text = specialText[name];
      if (text === undefined) return null;
      const id = this.core.token_to_id(text);
      if (id === undefined) throw new InputError(`${where}/tokenizer_config.json: ${name} ${JSON.stringify(text)} is not in tokenizer.json's vocabulary`);
      return id;
    };
    const fromModel = (key: string): number | null => firstId(files.modelConfig?.[key], `${where}/config.json: ${key}`);
    this.bos = 'bos_token' in config ? idOf('bos_token') : fromModel('bos_token_id');
    const eos = idOf('eos_token') ?? fromModel('eos_token_id');
    if (eos === null) throw new InputError(`${where}: no end-of-sequence token: tokenizer_config.json has no eos_token and config.json no eos_token_id`);
    this.eos = eos;
    this.pad = idOf('pad_token') ?? fromModel('pad_token_id') ?? eos;
    const source = files.chatTemplate ?? chatTemplateSource(config.chat_template, `${where}/tokenizer_config.json`);
    this.chatTemplate = source === undefined ? undefined : new ChatTemplate(source, specialText, where);
  }

  /** The text's tokens without the tokenizer's own post-processing; bos and eos only where asked for. */
  encode(text: string, options: { bos?: boolean; eos?: boolean } = {}): number[] {
    const ids = this.core.encode(text, { add_special_tokens: false }).ids;
    if (options.bos && this.bos !== null) ids.unshift(this.bos);
    if (options.eos) ids.push(this.eos);
    return ids;
  }

  /** Ids the tokenizer does not know (a model's padded vocabulary rows) decode to nothing, as in `tokenizers`. */
  decode(ids: readonly number[]): string {
    return this.core.decode([...ids], { skip_special_tokens: true });
  }

  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  /**
   * The bytes a token adds to the text (OpenAI's log-prob `bytes`), which may be part of a character; null for a
   * special token or an id the tokenizer does not have.
   */
  tokenBytes(id: number): Uint8Array | null {
    const piece = this.pieces[id];
    if (piece === undefined || this.isSpecial(id)) return null;
    if (this.byteLevel) return Uint8Array.from(piece, (ch) => byteOfByteLevelChar(ch.codePointAt(0) as number));
    const byte = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
    return byte ? Uint8Array.of(parseInt(byte[1], 16)) : new TextEncoder().encode(piece.replaceAll('\u2581', ' '));
  }

  /** The piece as tokenizer.json spells it (a special token's text), for naming a token that is no text of its own. */
  tokenPiece(id: number): string | undefined {
    return this.pieces[id];
  }

  /** The prompt text for a conversation, through the model's chat template. */
  applyChatTemplate(messages: readonly ChatMessage[], options: ChatRenderOptions = {}): string {
    if (!this.chatTemplate) throw new InputError('this tokenizer has no chat template (tokenizer_config.json chat_template or chat_template.jinja)');
    return this.chatTemplate.render(messages, options);
  }
}

/** A special token in tokenizer_config.json: a string, an AddedToken object {content, ...}, or null. */
function tokenText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const content = (value as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  throw new InputError(`${where} must be a string or {"content": string}, got ${JSON.stringify(value)}`);
}

/** A token id in config.json; Llama 3 lists several eos ids, of which the first ends generation here. */
function firstId(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  const id = Array.isArray(value) ? value[0] : value;
  if (!Number.isInteger(id) || (id as number) < 0) throw new InputError(`${where} must be a token id or a list of them, got ${JSON.stringify(value)}`);
  return id as number;
}

/**
 * GPT-2's byte-level alphabet backwards: printable Latin-1 bytes stand for themselves, the other 68 bytes for the
 * code points from 256 on, in byte order.
 */
function byteOfByteLevelChar(code: number): number {
  if (code < 256) return code;
  const unprintable = BYTE_LEVEL_SHIFTED[code - 256];
  if (unprintable === undefined) throw new InputError(`byte-level token character U+${code.toString(16)} stands for no byte`);
  return unprintable;
}

const BYTE_LEVEL_SHIFTED = Array.from({ length: 256 }, (_, b) => b).filter((b) => !((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255)));
