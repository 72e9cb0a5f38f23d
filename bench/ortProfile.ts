/** ORT sessions made as engine/runtime/sessionCache.ts makes them, optionally with ORT's profiler, and its trace summed per op type. */
import * as ort from 'onnxruntime-node';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostTensors } from '../engine/runtime';
import { fmt, threads } from './benchSupport';

export interface ProfiledSession {
  session: ort.InferenceSession;
  /** Ends profiling and prints kernel time per op type over `runs` runs, largest first. */
  report(runs: number, top?: number): void;
}

/** The options the engine uses (no spinning, all optimizations), plus the profiler when `profile` is set. */
export async function engineLikeSession(bytes: Uint8Array, profile = false): Promise<ProfiledSession> {
  const dir = mkdtempSync(join(tmpdir(), 'drl-profile-'));
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    ...(profile ? { enableProfiling: true, profileFilePrefix: join(dir, 'ort') } : {}),
  });
  return { session, report: (runs, top = 15) => report(session, dir, runs, top) };
}

export function ortFeeds(session: ort.InferenceSession, feeds: HostTensors): Record<string, ort.Tensor> {
  return Object.fromEntries(session.inputNames.map((n) => [n, new ort.Tensor(feeds[n].dtype, feeds[n].data, feeds[n].dims)]));
}

interface TraceEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string };
}

function report(session: ort.InferenceSession, dir: string, runs: number, top: number): void {
  session.endProfiling();
  const file = readdirSync(dir).find((f) => f.endsWith('.json'));
  if (!file) throw new Error(`no ORT profile written under ${dir}`);
  const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as TraceEvent[];
  const perOp = new Map<string, { us: number; calls: number }>();
  let total = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || !e.args?.op_name) continue;
    const entry = perOp.get(e.args.op_name) ?? { us: 0, calls: 0 };
    entry.us += e.dur;
    entry.calls += 1;
    perOp.set(e.args.op_name, entry);
    total += e.dur;
  }
  const wall = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').reduce((s, e) => s + e.dur, 0);
  console.log(`ORT profile (${join(dir, file)}): kernels ${fmt(total / runs / 1000, 2)} ms of ${fmt(wall / runs / 1000, 2)} ms per run`);
  console.log('op type                     ms/run   share  nodes');
  for (const [op, { us, calls }] of [...perOp].sort((a, b) => b[1].us - a[1].us).slice(0, top)) {
    console.log(`${op.padEnd(26)} ${fmt(us / runs / 1000, 2).padStart(7)}  ${fmt((100 * us) / total).padStart(5)}%  ${String(calls / runs).padStart(5)}`);
  }
}
