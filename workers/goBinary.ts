import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where built server binaries are cached: outside the repository, so every checkout and CI run reuses them. */
export function binaryCacheDir(): string {
  return join(process.env.DRL_CACHE ?? join(homedir(), '.cache', 'durable-rl'), 'bin');
}

export interface GoBinary {
  /** Executable name, e.g. `temporal`. */
  name: string;
  /** Environment variable that names the executable explicitly, e.g. `TEMPORAL_CLI`. */
  envVar: string;
  /** `go install` target, e.g. `github.com/temporalio/cli/cmd/temporal@v1.5.1`. */
  goPackage: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Finds a server binary: the environment variable, then PATH, then the cache; otherwise builds it into the cache
 * with `go install` (minutes, once per machine). Throws a message that says what to do when none of that works.
 */
export function findOrBuildGoBinary(binary: GoBinary, log: (line: string) => void = () => {}): string {
  const explicit = process.env[binary.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${binary.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  const found = onPath(binary.name);
  if (found) return found;
  const cacheDir = binaryCacheDir();
  const cached = join(cacheDir, binary.name);
  if (isExecutable(cached)) return cached;

  if (!onPath('go')) {
    throw new Error(
      `${binary.name} not found: set ${binary.envVar}, put ${binary.name} on PATH, or install Go so that ` +
        `durable-rl can build it into ${cacheDir} with \`go install ${binary.goPackage}\``,
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  log(`building ${binary.name} into ${cacheDir} (go install ${binary.goPackage}); this takes a few minutes once`);
  const build = spawnSync('go', ['install', binary.goPackage], {
    env: { ...process.env, GOBIN: cacheDir, GOFLAGS: '-buildvcs=false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !isExecutable(cached)) {
    throw new Error(`go install ${binary.goPackage} failed (exit ${build.status}); see the output above`);
  }
  return cached;
}

export const temporalCli: GoBinary = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI',
  goPackage: 'github.com/temporalio/cli/cmd/temporal@v1.5.1',
};
