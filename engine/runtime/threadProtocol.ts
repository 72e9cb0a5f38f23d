import type { HostTensors } from './hostTensor';
import type { KvCacheShape } from './kvCache';
import type { ResolvedRuntimeOptions } from './runtimeOptions';

export type ThreadRequestBody =
  | { kind: 'load'; key: string; bytes: Uint8Array }
  | { kind: 'run'; key: string; feeds: HostTensors; held?: number; cache?: number }
  | { kind: 'hold'; handle: number; feeds: HostTensors }
  | { kind: 'openCache'; handle: number; shape: KvCacheShape }
  | { kind: 'drop'; handle: number }
  | { kind: 'unload'; key: string }
  | { kind: 'close' };

export type ThreadRequest = ThreadRequestBody & { id: number };

export type ThreadReply =
  | { id: number; ok: true; outputs?: HostTensors }
  | { id: number; ok: false; error: { name: string; message: string } };

export interface ThreadData {
  options: ResolvedRuntimeOptions;
}
