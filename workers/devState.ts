import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a running `drl dev` records so that other commands in the same project find its server. */
export interface DevState {
  address: string;
  uiUrl?: string;
  pid: number;
  dbFile: string;
}

export function devStateFile(projectDir = process.cwd()): string {
  return join(projectDir, '.drl', 'dev.json');
}

export function readDevState(file = devStateFile()): DevState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevState;
  } catch {
    return undefined;
  }
}

export function writeDevState(state: DevState, file = devStateFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

export function clearDevState(file = devStateFile()): void {
  rmSync(file, { force: true });
}
