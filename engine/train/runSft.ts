import { InputError } from '../../core/errors';
import { sessionCacheRunner } from '../infer';
import { NamedSize, namedSizes } from '../model';
import { SessionCache, resolveRuntimeOptions } from '../runtime';
import { ByteTokenizer } from '../tokenizer';
import { PolicyState } from './policyState';
import { trainSft } from './sftTrainer';

export interface RunSftOptions {
  /** Text pairs (a JSONL line each, for the CLI); the prompt gets bos, the completion eos. */
  data: ReadonlyArray<{ prompt: string; completion: string }>;
  size: NamedSize;
  steps: number;
  lr: number;
  batch: number;
  /** Seeds the initial weights and the example order. */
  seed: number;
  /** Intra-op threads (default DRL_THREADS, else 1). */
  threads?: number;
}

/**
 * `drl engine sft`: SFT of a freshly initialised byte-level model of a named size on prompt/completion text, on the
 * CPU in this thread. Returns the loss of every step and the trained state.
 */
export async function runSft(o: RunSftOptions): Promise<{ losses: number[]; state: PolicyState }> {
  if (!(o.size in namedSizes)) throw new InputError(`sft: unknown size ${o.size} (known: ${Object.keys(namedSizes).join(', ')})`);
  if (!(o.lr > 0)) throw new InputError(`sft: lr must be > 0, got ${o.lr}`);
  o.data.forEach((d, i) => {
    if (typeof d?.prompt !== 'string' || typeof d?.completion !== 'string') throw new InputError(`sft: example ${i} needs string prompt and completion fields`);
  });
  const tokenizer = new ByteTokenizer();
  const cache = new SessionCache(resolveRuntimeOptions({ threads: o.threads }));
  try {
    const state = PolicyState.init(namedSizes[o.size], o.seed);
    const examples = o.data.map((d) => ({ prompt: tokenizer.encode(d.prompt, { bos: true }), completion: tokenizer.encode(d.completion, { eos: true }) }));
    const losses = await trainSft({ runner: sessionCacheRunner(cache), state, examples, steps: o.steps, batch: o.batch, seed: o.seed, padId: tokenizer.pad, adamw: { lr: o.lr } });
    return { losses, state };
  } finally {
    await cache.release();
  }
}
