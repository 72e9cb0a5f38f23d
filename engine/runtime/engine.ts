import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DeterminismError, InputError, IntegrityError } from '../../core/errors';
import type { HostTensors } from './hostTensor';
import { RuntimeOptions, resolveRuntimeOptions } from './runtimeOptions';
import { graphKey } from './sessionCache';
import type { KvCacheShape } from './kvCache';
import type { Held, RunOptions } from './runOptions';
import type { ThreadData, ThreadReply, ThreadRequest, ThreadRequestBody } from './threadProtocol';

type Pending = { resolve: (outputs: HostTensors | undefined) => void; reject: (e: Error) => void };

const knownErrors: Record<string, new (message: string) => Error> = { InputError, IntegrityError, DeterminismError };

/**
 * Runs ONNX graphs on a worker thread behind an async API, so activities keep heartbeating while ORT computes.
 * Sessions are cached per graph content. Call close() before exiting: a thread torn down during session.run
 * aborts the whole process (onnxruntime-node 1.30), so close() waits for the work in flight.
 */
export class Engine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly loaded = new Map<string, Promise<void>>();
  private readonly keys = new WeakMap<Uint8Array, string>();
  private nextId = 0;
  private nextHandle = 0;
  private closing?: Promise<void>;
  private exited = false;

  constructor(options: RuntimeOptions = {}) {
    const entry = join(__dirname, 'engineThread.js');
    if (!existsSync(entry)) {
      throw new InputError(`engine: ${entry} is missing; the worker thread runs compiled JavaScript, so build (npx tsc) and run from dist/`);
    }
    const workerData: ThreadData = { options: resolveRuntimeOptions(options) };
    this.worker = new Worker(entry, { workerData });
    this.worker.unref();
    this.worker.on('message', (reply: ThreadReply) => this.settle(reply));
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(new Error(`engine thread exited with code ${code}`));
    });
  }

  /**
   * Runs a serialized graph (see Graph.toOnnxBytes); the first run of a graph creates its session. Feeds are copied
   * to the thread; held feeds and a KV cache (RunOptions) are already there.
   */
  async run(graph: Uint8Array, feeds: HostTensors, options: RunOptions = {}): Promise<HostTensors> {
    if (this.closing) throw new InputError('engine: run after close');
    let key = this.keys.get(graph);
    if (!key) {
      key = graphKey(graph);
      this.keys.set(graph, key);
    }
    // A release while we wait for the load drops the session: load it again, so the run never reaches the thread
    // behind the release.
    for (;;) {
      let load = this.loaded.get(key);
      if (!load) {
        load = this.request({ kind: 'load', key, bytes: graph }).then(() => undefined);
        this.loaded.set(key, load);
        load.catch(() => this.loaded.delete(key as string));
      }
      await load;
      if (this.loaded.get(key) === load) break;
    }
    const [held, cache] = [options.held && handleOf(options.held), options.cache && handleOf(options.cache)];
    return (await this.request({ kind: 'run', key, feeds, held, cache })) as HostTensors;
  }

  /** Copies feeds to the thread once, for runs that name them (RunOptions.held); drop() frees them. */
  async hold(feeds: HostTensors): Promise<Held> {
    const handle = this.nextHandle++;
    await this.request({ kind: 'hold', handle, feeds });
    return new EngineHeld('feeds', handle);
  }

  /** A KV cache kept on the thread, for runs that name it (RunOptions.cache); drop() frees it. */
  async openCache(shape: KvCacheShape): Promise<Held> {
    const handle = this.nextHandle++;
    await this.request({ kind: 'openCache', handle, shape });
    return new EngineHeld('cache', handle);
  }

  async drop(held: Held): Promise<void> {
    if (this.closing) return;
    await this.request({ kind: 'drop', handle: handleOf(held) });
  }

  /** Drops a graph's session on the thread (after the runs queued before it); a later run loads it again. */
  async release(graph: Uint8Array): Promise<void> {
    const key = this.keys.get(graph);
    if (!key || !this.loaded.has(key) || this.closing) return;
    this.loaded.delete(key);
    await this.request({ kind: 'unload', key });
  }

  /**
   * Waits for the work in flight, releases every session and ends the thread. The thread holds the process open
   * until it is gone, so a CLI cannot exit (losing its exit code) halfway through; a thread that cannot close
   * cleanly (its sessions failed to load) is terminated.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.request({ kind: 'close' }).catch(() => void this.worker.terminate());
    });
    return this.closing;
  }

  private request(body: ThreadRequestBody): Promise<HostTensors | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keep the process alive while ORT works: an exit in mid-run would abort it.
      this.worker.ref();
      this.worker.postMessage({ ...body, id } as ThreadRequest);
    });
  }

  private settle(reply: ThreadReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (reply.ok) p.resolve(reply.outputs);
    else {
      const ErrorClass = knownErrors[reply.error.name] ?? Error;
      p.reject(new ErrorClass(reply.error.message));
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

class EngineHeld implements Held {
  constructor(
    readonly kind: Held['kind'],
    readonly handle: number,
  ) {}
}

function handleOf(held: Held): number {
  if (!(held instanceof EngineHeld)) throw new InputError(`engine: this held ${held.kind} was made by another runner`);
  return held.handle;
}
