/**
 * What produced an artifact: the code (commit, lockfile hash), the numeric runtime (ORT version) and the thread
 * count, recorded in every checkpoint so an audit can tell two runs' environments apart.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../core/hash';

export interface Provenance {
  commit: string;
  lockfileHash: string;
  ortVersion: string;
  threads: number;
}

// This file runs from <build>/training/, two levels below the repository root.
const repoRoot = join(__dirname, '..', '..');
let cached: Omit<Provenance, 'threads'> | undefined;

/** DRL_COMMIT and DRL_LOCKFILE_HASH override what is read here (a deployment without .git; a test run's pinned state). */
function commitOf(): string {
  if (process.env.DRL_COMMIT) return process.env.DRL_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function provenance(threads: number): Provenance {
  if (!cached) {
    const lockfile = join(repoRoot, 'package-lock.json');
    cached = {
      commit: commitOf(),
      lockfileHash: process.env.DRL_LOCKFILE_HASH || (existsSync(lockfile) ? sha256Hex(readFileSync(lockfile)) : 'unknown'),
      ortVersion: (require('onnxruntime-node/package.json') as { version: string }).version,
    };
  }
  return { ...cached, threads };
}
