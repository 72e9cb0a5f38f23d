import { InputError } from '../../core/errors';
import { headDim } from '../model';
import type { HeldFeeds, HostTensors } from '../runtime';
import { bucketLength, leftPad } from './batchLayout';
import { graphBytes } from './inferenceGraphs';
import { InferenceModel, modelWeights, presentCache } from './inferenceModel';
import { KvCacheBuffers } from './kvCacheBuffers';

type Floats = Float32Array | Float64Array;

/** What modelWeights resolved: the graphs' dtype, the weights to feed, or the fixed weights baked into the graphs. */
type ResolvedWeights = Awaited<ReturnType<typeof modelWeights>>;

/**
 * Rows decoded together with one KV cache. Tokens are added to every row at once -- a sampled token each, or
 * several (a tool's observation; rows may differ, the shorter ones left-padded with masked slots) -- and only the
 * new tokens are computed: the prefix is never run again. Each row keeps its next RoPE position and the logits
 * at its last token.
 */
export class CachedBatch {
  private readonly cache: KvCacheBuffers;
  private readonly nextPosition: number[];
  private readonly lastLogits: Floats[];

  private constructor(
    private readonly model: InferenceModel,
    private readonly weights: ResolvedWeights,
    /** The fed weights, kept by the runner for the batch's life (copied once to an engine thread, not every step). */
    private readonly held: HeldFeeds | undefined,
    private readonly pad: number,
    prompts: ReadonlyArray<readonly number[]>,
  ) {
    const { config } = model;
    this.cache = new KvCacheBuffers(weights.dtype, config.nLayers, prompts.length, config.nKvHeads, headDim(config));
    this.nextPosition = prompts.map((p) => p.length);
    this.lastLogits = [];
  }

  /** One prefill over the left-padded prompts (each at least one token). close() when done. */
  static async prefill(model: InferenceModel, prompts: ReadonlyArray<readonly number[]>, pad: number): Promise<CachedBatch> {
    const { config, runner } = model;
    const weights = await modelWeights(model);
    const held = Object.keys(weights.feeds).length > 0 ? await runner.hold?.(weights.feeds) : undefined;
    const batch = new CachedBatch(model, weights, held, pad, prompts);
    const padded = leftPad(prompts, bucketLength(Math.max(...prompts.map((p) => p.length)), config.maxSeqLen), pad);
    const [B, L] = [prompts.length, padded.length];
    try {
      const feeds: HostTensors = {
        ...batch.weightFeeds(),
        tokens: { dtype: 'int64', dims: [B, L], data: padded.tokens },
        attentionMask: { dtype: 'bool', dims: [B, L], data: padded.attentionMask },
        positions: { dtype: 'int64', dims: [B, L], data: padded.positions },
      };
      batch.keep(await runner.run(graphBytes('prefill', config, weights.dtype, B, L, weights.fixed), feeds, { held }), L, padded.attentionMask);
      return batch;
    } catch (e) {
      await batch.close();
      throw e;
    }
  }

  get rows(): number {
    return this.cache.rows;
  }

  /** Logits [V] at row r's last token: the distribution of its next one. */
  logits(row: number): Floats {
    return this.lastLogits[row];
  }

  /**
   * Appends `tokens[r]` to each row r (an empty list leaves a row as it is) in one graph call over the new tokens
   * only. One token per row runs the decode step; more run the same graph with a longer, bucketed width.
   */
  async extend(tokens: ReadonlyArray<readonly number[]>): Promise<void> {
    const { config, runner } = this.model;
    const B = this.rows;
    if (tokens.length !== B) throw new InputError(`extend: ${tokens.length} token lists for ${B} rows`);
    tokens.forEach((row, r) => {
      if (this.nextPosition[r] + row.length > config.maxSeqLen) throw new InputError(`extend: row ${r} would reach ${this.nextPosition[r] + row.length} tokens, beyond maxSeqLen ${config.maxSeqLen}`);
    });
    const longest = Math.max(...tokens.map((t) => t.length));
    if (longest === 0) return;
    const T = longest === 1 ? 1 : bucketLength(longest, config.maxSeqLen);
    const ids = new BigInt64Array(B * T).fill(BigInt(this.pad));
    const positions = new BigInt64Array(B * T);
    const real = new Uint8Array(B * T);
    tokens.forEach((row, r) => {
      const start = T - row.length;
      row.forEach((id, j) => {
        ids[r * T + start + j] = BigInt(id);
        positions[r * T + start + j] = BigInt(this.nextPosition[r] + j);
        real[r * T + start + j] = 1;
      });
    });
    const dims = [B, T];
    const out = await runner.run(
      graphBytes('decode', config, this.weights.dtype, B, T, this.weights.fixed),
      {
        ...this.weightFeeds(),
        ...this.cache.feeds(),
        tokens: { dtype: 'int64', dims, data: ids },
        positions: { dtype: 'int64', dims, data: positions },
        attentionMask: { dtype: 'bool', dims, data: real },
      },
      // The cache moves to an engine thread and back rather than being copied there at every step.
      { held: this.held, lend: this.cache.feedNames },
    );
    this.cache.reclaim(out);
    this.keep(out, T, real, tokens.map((t) => t.length));
  }

  /** Lets the runner free the weights it keeps for this batch. */
  async close(): Promise<void> {
    if (this.held) await this.model.runner.drop?.(this.held);
  }

  private weightFeeds(): HostTensors {
    return this.held ? {} : this.weights.feeds;
  }

  /** Writes a call's new keys and values into the cache; rows that got tokens take the logits at their last one. */
  private keep(out: HostTensors, T: number, real: Uint8Array, added?: readonly number[]): void {
    const { nLayers, vocabSize: V } = this.model.config;
    const present = presentCache(out, nLayers);
    this.cache.append(T, present.keys, present.values, real);
    const logits = out.logits.data as Floats;
    for (let r = 0; r < this.rows; r++) {
      if (added?.[r] === 0) continue;
      this.lastLogits[r] = logits.subarray((r * T + T - 1) * V, (r * T + T) * V);
      if (added) this.nextPosition[r] += added[r];
    }
  }
}
