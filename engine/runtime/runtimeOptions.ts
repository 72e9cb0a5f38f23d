import { InputError } from '../../core/errors';

export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface RuntimeOptions {
  executionProvider?: ExecutionProvider;
  /** Intra-op threads per session; part of a run's identity because it changes float summation order. */
  threads?: number;
  /**
   * ORT graph optimization level. 'all' (default) fuses x * sigmoid(x) into com.microsoft.QuickGelu, which has no
   * float64 kernel, so float64 graphs (gradient checks) run with 'basic'.
   */
  graphOptimization?: GraphOptimization;
}

export type GraphOptimization = 'disabled' | 'basic' | 'extended' | 'all';

export interface ResolvedRuntimeOptions {
  executionProvider: ExecutionProvider;
  threads: number;
  graphOptimization: GraphOptimization;
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
  const graphOptimization = options.graphOptimization ?? 'all';
  if (!['disabled', 'basic', 'extended', 'all'].includes(graphOptimization)) {
    throw new InputError(`runtime: graph optimization must be disabled, basic, extended or all, got ${graphOptimization}`);
  }
  return { executionProvider, threads, graphOptimization };
}
