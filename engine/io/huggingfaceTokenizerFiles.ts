import { InputError } from '../../core/errors';
import { ByteTokenizer, HuggingFaceTokenizer, Tokenizer } from '../tokenizer';
import type { BlobStore, CheckpointManifest } from './checkpoint';

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

/**
 * The tokenizer a checkpoint's model was trained with: the imported one for a Hugging Face checkpoint, the byte
 * tokenizer for a model whose vocabulary is exactly the byte tokenizer's.
 */
export async function checkpointTokenizer(store: BlobStore, manifest: CheckpointManifest, where = 'checkpoint'): Promise<Tokenizer> {
  if (manifest.huggingface) return tokenizerFromFiles(await huggingFaceFilesOf(store, manifest), where);
  const bytes = new ByteTokenizer();
  if (manifest.model.vocabSize !== bytes.vocabSize) {
    throw new InputError(`${where}: a vocabulary of ${manifest.model.vocabSize} tokens and no tokenizer files; only the byte tokenizer (${bytes.vocabSize}) needs none`);
  }
  return bytes;
}
