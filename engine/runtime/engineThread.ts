import { parentPort, workerData } from 'node:worker_threads';
import type { HostTensors } from './hostTensor';
import { KvCacheBuffers, runWithCache } from './kvCache';
import { SessionCache } from './sessionCache';
import type { ThreadData, ThreadReply, ThreadRequest } from './threadProtocol';

/** Worker-thread entry: serves one request at a time from a SessionCache, so ORT never blocks the main event loop. */
const port = parentPort;
if (!port) throw new Error('engineThread must run as a worker thread');
let cache: SessionCache | undefined;
/** Feeds (Engine.hold) and KV caches (Engine.openCache) kept for later runs, by handle. */
const held = new Map<number, HostTensors>();
const caches = new Map<number, KvCacheBuffers>();
let queue: Promise<void> = Promise.resolve();

function reply(message: ThreadReply, outputs?: HostTensors): void {
  const transfer = outputs ? Object.values(outputs).map((t) => t.data.buffer as ArrayBuffer) : [];
  port?.postMessage(message, transfer);
}

async function serve(request: ThreadRequest): Promise<void> {
  try {
    cache ??= new SessionCache((workerData as ThreadData).options);
    if (request.kind === 'load') {
      await cache.load(request.bytes, request.key);
      reply({ id: request.id, ok: true });
    } else if (request.kind === 'run') {
      const sessions = cache;
      const feeds = { ...(request.held === undefined ? {} : kept(held, request.held, 'feeds')), ...request.feeds };
      const run = (all: HostTensors) => sessions.run(request.key, all);
      const outputs = request.cache === undefined ? await run(feeds) : await runWithCache(run, feeds, kept(caches, request.cache, 'KV cache'));
      reply({ id: request.id, ok: true, outputs }, outputs);
    } else if (request.kind === 'hold') {
      held.set(request.handle, request.feeds);
      reply({ id: request.id, ok: true });
    } else if (request.kind === 'openCache') {
      caches.set(request.handle, new KvCacheBuffers(request.shape));
      reply({ id: request.id, ok: true });
    } else if (request.kind === 'drop') {
      held.delete(request.handle);
      caches.delete(request.handle);
      reply({ id: request.id, ok: true });
    } else if (request.kind === 'unload') {
      await cache.unload(request.key);
      reply({ id: request.id, ok: true });
    } else {
      // Leaving on our own after releasing the sessions: terminating a thread inside session.run aborts the process.
      await cache.release();
      reply({ id: request.id, ok: true });
      port?.close();
    }
  } catch (e) {
    const err = e as Error;
    reply({ id: request.id, ok: false, error: { name: err.name, message: err.message } });
  }
}

function kept<T>(from: Map<number, T>, handle: number, what: string): T {
  const found = from.get(handle);
  if (!found) throw new Error(`engine thread: no held ${what} ${handle} (dropped?)`);
  return found;
}

port.on('message', (request: ThreadRequest) => {
  queue = queue.then(() => serve(request));
});
