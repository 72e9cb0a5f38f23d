import { InputError } from '../../core/errors';
import { headDim } from '../model';
import type { Held, HostTensors } from '../runtime';
import { bucketLength, leftPad } from './batchLayout';
import { graphBytes } from './inferenceGraphs';
import { InferenceModel, modelWeights } from './inferenceModel';

type Floats = Float32Array | Float64Array;

/** What modelWeights resolved: the graphs' dtype, the weights to feed, or the fixed weights baked into the graphs. */
type ResolvedWeights = Awaited<ReturnType<typeof modelWeights>>;

/**
 * Rows decoded together with one KV cache, which the runner keeps where the graphs run. Tokens are added to every
 * row at once -- a sampled token each, or several (a tool's observation; rows may differ, the shorter ones
 * left-padded with masked slots) -- and only the new tokens are computed: the prefix is never run again. Each row
 * keeps its next RoPE position and the logits at its last token. close() frees what the runner keeps.
 */
export class CachedBatch {
  private readonly nextPosition: number[];
  private readonly lastLogits: Floats[] = [];

  private constructor(
    private readonly model: InferenceModel,
    private readonly weights: ResolvedWeights,
    /** The fed weights, kept by the runner for the batch's life (sent once to an engine thread, not every step). */
    private readonly held: Held | undefined,
    private readonly cache: Held,
    private readonly pad: number,
    prompts: ReadonlyArray<readonly number[]>,
  ) {
    this.nextPosition = prompts.map((p) => p.length);
  }

  /** One prefill over the left-padded prompts (each at least one token). close() when done. */
  static async prefill(model: InferenceModel, prompts: ReadonlyArray<readonly number[]>, pad: number): Promise<CachedBatch> {
    const { config, runner } = model;
    if (!runner.openCache) throw new InputError('infer: this runner keeps no KV cache (use the Engine or sessionCacheRunner)');
    const weights = await modelWeights(model);
    const cache = await runner.openCache({ dtype: weights.dtype, layers: config.nLayers, rows: prompts.length, kvHeads: config.nKvHeads, headDim: headDim(config) });
    const held = Object.keys(weights.feeds).length > 0 ? await runner.hold?.(weights.feeds) : undefined;
    const batch = new CachedBatch(model, weights, held, cache, pad, prompts);
    try {
      const padded = leftPad(prompts, bucketLength(Math.max(...prompts.map((p) => p.length)), config.maxSeqLen), pad);
      const dims = [prompts.length, padded.length];
      await batch.run('prefill', padded.length, { tokens: padded.tokens, positions: padded.positions, attentionMask: padded.attentionMask }, dims);
      return batch;
    } catch (e) {
      await batch.close();
      throw e;
    }
  }

  get rows(): number {
    return this.nextPosition.length;
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
    const { config } = this.model;
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
    await this.run('decode', T, { tokens: ids, positions, attentionMask: real }, [B, T], tokens.map((t) => t.length));
  }

  /** Lets the runner free the cache and weights it keeps for this batch. */
  async close(): Promise<void> {
    const { runner } = this.model;
    await runner.drop?.(this.cache);
    if (this.held) await runner.drop?.(this.held);
  }

  /** One graph call over T new columns; rows that got tokens take the logits at their last one. */
  private async run(kind: 'prefill' | 'decode', T: number, columns: { tokens: BigInt64Array; positions: BigInt64Array; attentionMask: Uint8Array }, dims: number[], added?: readonly number[]): Promise<void> {
    const { config, runner } = this.model;
    const feeds: HostTensors = {
      ...(this.held ? {} : this.weights.feeds),
      tokens: { dtype: 'int64', dims, data: columns.tokens },
      positions: { dtype: 'int64', dims, data: columns.positions },
      attentionMask: { dtype: 'bool', dims, data: columns.attentionMask },
    };
    const out = await runner.run(graphBytes(kind, config, this.weights.dtype, this.rows, T, this.weights.fixed), feeds, { held: this.held, cache: this.cache });
    const V = config.vocabSize;
    const logits = out.lastLogits.data as Floats;
    for (let r = 0; r < this.rows; r++) {
      if (added?.[r] === 0) continue;
      this.lastLogits[r] = logits.subarray(r * V, (r + 1) * V);
      if (added) this.nextPosition[r] += added[r];
    }
  }
}
