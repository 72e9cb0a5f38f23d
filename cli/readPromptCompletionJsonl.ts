import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors';

/** Prompt/completion pairs from a JSONL file; every error names the file, the line and the field. */
export function readPromptCompletionJsonl(file: string): Array<{ prompt: string; completion: string }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as Error).message})`);
  }
  const pairs: Array<{ prompt: string; completion: string }> = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new InputError(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const record = value as Record<string, unknown>;
    for (const field of ['prompt', 'completion']) {
      if (typeof record?.[field] !== 'string') throw new InputError(`${file}:${i + 1}: field "${field}" must be a string`);
    }
    pairs.push({ prompt: record.prompt as string, completion: record.completion as string });
  });
  if (pairs.length === 0) throw new InputError(`${file}: no examples`);
  return pairs;
}
