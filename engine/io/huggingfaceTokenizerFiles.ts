import { InputError } from '../../core/errors';
import { BYTE_VOCAB_SIZE, ByteTokenizer, ChatTemplate, HuggingFaceTokenizer, Tokenizer } from '../tokenizer';
import { tokenizerRefOf, type BlobStore, type CheckpointManifest } from './checkpoint';

/** The files of a model folder a checkpoint keeps besides its weights: the config and everything the tokenizer reads. */
export const HUGGING_FACE_KEPT_FILES = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'chat_template.jinja',
  'chat_template.json',
] as const;

/**
 * The tokenizer of a model folder's files (name -> bytes). The chat template comes from chat_template.jinja
 * (transformers 5), else chat_template.json (4.4x), else tokenizer_config.json, as transformers looks for it.
 */
export function tokenizerFromFiles(files: ReadonlyMap<string, Uint8Array>, where: string): HuggingFaceTokenizer {
  const text = (name: string): string | undefined => {
    const bytes = files.get(name);
    return bytes && new TextDecoder().decode(bytes);
  };
  const json = (name: string): Record<string, unknown> | undefined => {
    const t = text(name);
    if (t === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch (e) {
      throw new InputError(`${where}/${name}: not valid JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError(`${where}/${name}: must be a JSON object`);
    return parsed as Record<string, unknown>;
  };
  const tokenizer = json('tokenizer.json');
  if (!tokenizer) {
    throw new InputError(
      `${where}: tokenizer.json is missing; only fast (tokenizers) tokenizers are read. ` +
        `Write one with transformers: AutoTokenizer.from_pretrained(dir).save_pretrained(dir)`,
    );
  }
  const legacyTemplate = json('chat_template.json')?.chat_template;
  return new HuggingFaceTokenizer({
    tokenizer,
    tokenizerConfig: json('tokenizer_config.json') ?? {},
    chatTemplate: text('chat_template.jinja') ?? (typeof legacyTemplate === 'string' ? legacyTemplate : undefined),
    modelConfig: json('config.json'),
    where,
  });
}

/** The kept files of an imported checkpoint, read (and verified) from the store. */
export async function huggingFaceFilesOf(store: BlobStore, manifest: CheckpointManifest): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [name, blob] of Object.entries(manifest.huggingface?.files ?? {})) files.set(name, await store.getBlob(blob));
  return files;
}

/** The tokenizer a checkpoint names (tokenizerRefOf): the byte tokenizer, or its kept tokenizer.json. */
export async function checkpointTokenizer(store: BlobStore, manifest: CheckpointManifest, where = 'checkpoint'): Promise<Tokenizer> {
  const ref = tokenizerRefOf(manifest);
  if (ref.kind === 'huggingface') return tokenizerFromFiles(await huggingFaceFilesOf(store, manifest), where);
  if (ref.kind === 'none') {
    throw new InputError(`${where}: a vocabulary of ${manifest.model.vocabSize} tokens and no tokenizer files; only the byte tokenizer (${BYTE_VOCAB_SIZE}) needs none`);
  }
  return new ByteTokenizer();
}

/** What a checkpoint's prompts and completions are tokenized with. */
export interface CheckpointTokenizer {
  tokenizer: Tokenizer;
  /** The chat template of an imported checkpoint that has one. */
  chatTemplate?: ChatTemplate;
  /** Ids that end a completion: eos, and the eos_token_id lists of config.json and generation_config.json (end of turn). */
  stopTokens: number[];
}

/**
 * The tokenizer, chat template and stop tokens of a checkpoint (the byte tokenizer for a named size), checked against
 * its model: no token id beyond the embedding (a tokenizer smaller than a padded embedding is fine), and every special
 * token the chat template writes a single token of the tokenizer.
 */
export async function checkpointTokenizerOf(store: BlobStore, manifest: CheckpointManifest, where = 'checkpoint'): Promise<CheckpointTokenizer> {
  if (tokenizerRefOf(manifest).kind !== 'huggingface') {
    const bytes = await checkpointTokenizer(store, manifest, where);
    return { tokenizer: bytes, stopTokens: [bytes.eos] };
  }
  const files = await huggingFaceFilesOf(store, manifest);
  const tokenizer = tokenizerFromFiles(files, where);
  const rows = manifest.model.vocabSize;
  if (tokenizer.vocabSize > rows) {
    throw new InputError(`${where}: tokenizer.json has token ids up to ${tokenizer.vocabSize - 1}, beyond the ${rows} rows of the embedding (config.json vocab_size ${rows}); the tokenizer and the weights are of different models`);
  }
  const stopTokens = [...new Set([tokenizer.eos, ...eosIds(files, 'config.json', where), ...eosIds(files, 'generation_config.json', where)])];
  const beyond = stopTokens.find((id) => id >= rows);
  if (beyond !== undefined) throw new InputError(`${where}: end-of-sequence id ${beyond} (config.json / generation_config.json eos_token_id) is beyond the ${rows} rows of the embedding (config.json vocab_size)`);
  const chatTemplate = tokenizer.chatTemplate;
  if (chatTemplate) checkTemplateTokens(chatTemplate, tokenizer, files.has('chat_template.jinja') ? 'chat_template.jinja' : files.has('chat_template.json') ? 'chat_template.json' : 'tokenizer_config.json', where);
  return { tokenizer, ...(chatTemplate ? { chatTemplate } : {}), stopTokens };
}

function eosIds(files: ReadonlyMap<string, Uint8Array>, name: string, where: string): number[] {
  const bytes = files.get(name);
  if (!bytes) return [];
  let value: unknown;
  try {
    value = (JSON.parse(new TextDecoder().decode(bytes)) as { eos_token_id?: unknown }).eos_token_id;
  } catch (e) {
    throw new InputError(`${where}/${name}: not valid JSON: ${(e as Error).message}`);
  }
  const ids = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  for (const id of ids) if (!Number.isInteger(id) || id < 0) throw new InputError(`${where}/${name}: eos_token_id must be a token id or a list of them, got ${JSON.stringify(value)}`);
  return ids as number[];
}

/** Marker-like text a template writes around the messages: <|im_start|>, <s>, </s>, <start_of_turn> (not Llama 2's plain-text [INST]). */
const TEMPLATE_MARKER = /<\|[^\s<>|]+\|>|<\/?[A-Za-z_][\w-]*>/g;

/**
 * A template's special tokens must be tokens of the tokenizer: otherwise they would be written as plain text and
 * tokenized into pieces the model never saw as a turn boundary.
 */
function checkTemplateTokens(template: ChatTemplate, tokenizer: Tokenizer, templateFile: string, where: string): void {
  const rendered = template.render([{ role: 'user', content: '\u0001' }], { addGenerationPrompt: true });
  for (const marker of new Set(rendered.match(TEMPLATE_MARKER) ?? [])) {
    const ids = tokenizer.encode(marker);
    if (ids.length !== 1 || !tokenizer.isSpecial(ids[0])) {
      throw new InputError(`${where}: the chat template (${templateFile}) writes the special token ${marker}, which tokenizer.json does not have (it encodes to ${ids.length} ordinary tokens); add it to tokenizer.json's added_tokens or use a template of this tokenizer`);
    }
  }
}
