import { InputError } from '../../core/errors';

export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface RuntimeOptions {
  executionProvider?: ExecutionProvider;
  /** Intra-op threads per session; part of a run's identity because it changes float summation order. */
  threads?: number;
}

export interface ResolvedRuntimeOptions {
  executionProvider: ExecutionProvider;
  threads: number;
}

/** Fills defaults: the CPU provider and DRL_THREADS (else 1) threads. */
export function resolveRuntimeOptions(options: RuntimeOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedRuntimeOptions {
  const executionProvider = options.executionProvider ?? 'cpu';
  if (!['cpu', 'cuda', 'webgpu'].includes(executionProvider)) {
    throw new InputError(`runtime: execution provider must be cpu, cuda or webgpu, got ${executionProvider}`);
  }
  const threads = options.threads ?? (env.DRL_THREADS === undefined ? 1 : Number(env.DRL_THREADS));
  if (!Number.isInteger(threads) || threads < 1) {
    throw new InputError(`runtime: thread count must be a positive integer (option threads or DRL_THREADS), got ${options.threads ?? env.DRL_THREADS}`);
  }
  return { executionProvider, threads };
}
