import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Graph, add, matmul } from '../graph';
import type { ExecutionProvider } from './runtimeOptions';

export const EXECUTION_PROVIDERS: readonly ExecutionProvider[] = ['cpu', 'cuda', 'webgpu'];

export interface ProviderCheck {
  provider: ExecutionProvider;
  /** onnxruntime-node's binding knows the provider and ships it in the npm package. */
  bundled: boolean;
  /** A session on this provider alone was created and computed the probe's known answer. */
  works: boolean;
  /** ORT's own error text, or how the probe failed. */
  error?: string;
  /** What this machine lacks, when something is missing. */
  hint?: string;
}

export interface DoctorReport {
  ortVersion: string;
  platform: string;
  /** Where onnxruntime-node loads its native libraries, and where the CUDA provider libraries must go. */
  bindingDir: string;
  providers: ProviderCheck[];
}

/** Libraries the CUDA provider needs beside onnxruntime-node's binding (its install script would fetch them from NuGet). */
export const CUDA_PROVIDER_LIBRARIES = ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'];

const PROBE_TIMEOUT_MS = 120_000;

/**
 * Tries each execution provider in a child process (a provider library that aborts or crashes takes only the probe
 * down): a session on that provider alone runs x W + b on a 2x2 input and must return the known answer.
 */
export async function executionProviderDoctor(providers: readonly ExecutionProvider[] = EXECUTION_PROVIDERS): Promise<DoctorReport> {
  const ortVersion = (require('onnxruntime-node/package.json') as { version: string }).version;
  const bindingDir = join(dirname(require.resolve('onnxruntime-node/package.json')), 'bin', 'napi-v6', process.platform, process.arch);
  const listed = ort.listSupportedBackends();
  const model = Buffer.from(probeGraph()).toString('base64');
  const checks: ProviderCheck[] = [];
  for (const provider of providers) {
    const bundled = listed.some((b) => b.name === provider && b.bundled);
    const outcome = await probe(provider, model);
    const works = outcome.ok && sameValues(outcome.output ?? [], PROBE_EXPECTED);
    const error = outcome.ok && !works ? `computed ${JSON.stringify(outcome.output)} instead of ${JSON.stringify(PROBE_EXPECTED)}` : outcome.error?.trim();
    checks.push({ provider, bundled, works, ...(works ? {} : { error, hint: hintFor(provider, bindingDir, ortVersion) }) });
  }
  return { ortVersion, platform: `${process.platform}/${process.arch}`, bindingDir, providers: checks };
}

/** y = x W + b with x = [[1, 2], [3, 4]], W = [[1, 0], [1, 1]], b = [10, 20]. */
function probeGraph(): Uint8Array {
  const g = new Graph('doctor-probe');
  const x = g.input('x', 'float32', [2, 2]);
  const w = g.input('w', 'float32', [2, 2]);
  const b = g.input('b', 'float32', [2]);
  g.output(add(matmul(x, w), b), 'y');
  return g.toOnnxBytes();
}

const PROBE_EXPECTED = [13, 22, 17, 24];

function sameValues(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Runs in the child: loads onnxruntime-node from the parent's copy, creates the session, prints one JSON line. */
const PROBE_SCRIPT = `
const ort = require(process.argv[1]);
const provider = process.argv[2];
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  try {
    const session = await ort.InferenceSession.create(Buffer.from(input, 'base64'), { executionProviders: [provider], intraOpNumThreads: 1, logSeverityLevel: 3 });
    const t = (values, dims) => new ort.Tensor('float32', Float32Array.from(values), dims);
    const out = await session.run({ x: t([1, 2, 3, 4], [2, 2]), w: t([1, 0, 1, 1], [2, 2]), b: t([10, 20], [2]) });
    console.log(JSON.stringify({ ok: true, output: Array.from(out.y.data) }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e && e.message || e) }));
  }
});
`;

interface ProbeOutcome {
  ok: boolean;
  output?: number[];
  error?: string;
}

function probe(provider: ExecutionProvider, modelBase64: string): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT, require.resolve('onnxruntime-node'), provider], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ProbeOutcome);
      } catch {
        const how = signal === 'SIGKILL' ? `did not finish in ${PROBE_TIMEOUT_MS / 1000} s` : `ended with ${signal ?? `exit code ${code}`}`;
        resolve({ ok: false, error: `the probe process ${how}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}` });
      }
    });
    child.stdin.end(modelBase64);
  });
}

function hintFor(provider: ExecutionProvider, bindingDir: string, ortVersion: string): string {
  if (provider === 'cpu') return 'the CPU provider ships with onnxruntime-node; reinstall it (npm ci) if it fails';
  if (provider === 'cuda') {
    const missing = CUDA_PROVIDER_LIBRARIES.filter((f) => !existsSync(join(bindingDir, f)));
    if (missing.length > 0) {
      return (
        `${missing.join(' and ')} missing from ${bindingDir}: copy them from onnxruntime/capi/ in the onnxruntime-gpu==${ortVersion} wheel ` +
        '(pip download --no-deps onnxruntime-gpu==VERSION; a wheel is a zip), as README.md "CUDA on a GPU worker" shows'
      );
    }
    if (!existsSync('/proc/driver/nvidia/version')) return 'no NVIDIA driver is loaded (/proc/driver/nvidia/version is missing)';
    return (
      `the provider libraries are in place; the CUDA runtime, cuBLAS, cuFFT, cuRAND and cuDNN libraries that onnxruntime-gpu==${ortVersion} ` +
      'was built against must be on LD_LIBRARY_PATH (pip install "onnxruntime-gpu[cuda,cudnn]==VERSION" brings them as nvidia-* wheels)'
    );
  }
  return (
    'the WebGPU provider runs on Vulkan here: it needs the Vulkan loader (libvulkan.so.1) and a driver with a Vulkan ICD; ' +
    "NVIDIA's ICD (libGLX_nvidia.so.0) also needs glvnd (libglvnd0, libglx0), without which the loader finds no driver"
  );
}
