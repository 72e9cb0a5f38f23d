import * as ort from 'onnxruntime-node';
import { InputError } from '../../core/errors';
import { sha256Hex } from '../../core/hash';
import type { DType } from '../graph';
import type { HostTensor, HostTensors } from './hostTensor';
import type { ResolvedRuntimeOptions } from './runtimeOptions';

/** Content key of a graph: sessions are cached under it. */
export function graphKey(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

function checkProviderAvailable(provider: string): void {
  const backends = ort.listSupportedBackends();
  const found = backends.find((b) => b.name === provider);
  if (!found || !found.bundled) {
    const available = backends.filter((b) => b.bundled).map((b) => b.name);
    throw new InputError(`runtime: execution provider ${provider} is not available in this onnxruntime-node build (available: ${available.join(', ')})`);
  }
}

/**
 * ORT sessions keyed by graph content, all with the same provider and thread count. Its calls block the thread they
 * run on, which is why the engine keeps it in a worker thread (engineThread.ts); tests may use it directly.
 */
export class SessionCache {
  private readonly sessions = new Map<string, ort.InferenceSession>();
  /** Runs in flight per session: unload waits for them before releasing it. */
  private readonly running = new Map<string, Set<Promise<unknown>>>();

  constructor(private readonly options: ResolvedRuntimeOptions) {
    checkProviderAvailable(options.executionProvider);
  }

  has(key: string): boolean {
    return this.sessions.has(key);
  }

  async load(bytes: Uint8Array, key = graphKey(bytes)): Promise<string> {
    if (this.sessions.has(key)) return key;
    const { executionProvider, threads, graphOptimization } = this.options;
    try {
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: [executionProvider],
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: graphOptimization,
        // Sessions wait between calls; spinning threads would steal the cores of the other sessions.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      this.sessions.set(key, session);
      return key;
    } catch (e) {
      throw new InputError(`runtime: ORT could not create a ${executionProvider} session: ${(e as Error).message}`);
    }
  }

  async run(key: string, feeds: HostTensors): Promise<HostTensors> {
    const session = this.sessions.get(key);
    if (!session) throw new InputError(`runtime: no session for graph ${key}; load it first`);
    const missing = session.inputNames.filter((n) => !(n in feeds));
    if (missing.length > 0) throw new InputError(`runtime: missing inputs ${missing.join(', ')} (graph takes ${session.inputNames.join(', ')})`);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.dtype, t.data, t.dims);
    const pending = session.run(ortFeeds);
    const runs = this.running.get(key) ?? new Set();
    this.running.set(key, runs.add(pending));
    const results = await pending.finally(() => runs.delete(pending));
    const out: HostTensors = {};
    for (const [name, t] of Object.entries(results)) out[name] = toHost(t);
    return out;
  }

  /** Releases one session once its runs in flight are done; a later load creates it again. */
  async unload(key: string): Promise<void> {
    const session = this.sessions.get(key);
    if (!session) return;
    this.sessions.delete(key);
    await Promise.allSettled(this.running.get(key) ?? []);
    this.running.delete(key);
    await session.release();
  }

  async release(): Promise<void> {
    for (const s of this.sessions.values()) await s.release();
    this.sessions.clear();
  }
}

const fromOrtType: Record<string, DType> = { float32: 'float32', float64: 'float64', int64: 'int64', bool: 'bool' };

function toHost(t: ort.Tensor): HostTensor {
  const dtype = fromOrtType[t.type];
  if (!dtype) throw new InputError(`runtime: output of type ${t.type} is not one the engine handles`);
  return { dtype, dims: t.dims.slice(), data: t.data as HostTensor['data'] };
}
