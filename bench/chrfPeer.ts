/** Runs a Python peer of the reward benchmarks (sacrebleu, math-verify) on a job written to a temporary file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A venv with `pip install sacrebleu math-verify` (bench/README.md); never a dependency of the product. */
const python = process.env.DRL_SACREBLEU_PYTHON ?? 'python3';

/** bench/<script> from the repository root (the working directory), given the job as JSON; returns its JSON line. */
export function runRewardPeer<T>(script: string, job: unknown): T {
  const dir = mkdtempSync(join(tmpdir(), 'drl-reward-bench-'));
  try {
    const input = join(dir, 'job.json');
    writeFileSync(input, JSON.stringify(job));
    const done = spawnSync(python, [join('bench', script), input], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (done.status !== 0) {
      throw new Error(`${python} bench/${script} failed (status ${done.status}); set DRL_SACREBLEU_PYTHON to a Python with sacrebleu and math-verify (bench/README.md)\n${done.stderr}`);
    }
    const lines = done.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
