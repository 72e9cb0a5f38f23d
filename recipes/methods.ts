/**
 * The activity side of every method, by the name a run config gives in `method:`. The only recipes/ module outside
 * recipes/ that the activities, the config and the CLI import (the workflow imports methodSchedules.ts).
 */
import type { z } from 'zod';
import { InputError } from '../core/errors';
import { contextrlMethod } from './contextrl';
import { langMethod } from './langHints';
import { longtraceMethod } from './longtrace';
import type { Method } from './method';

const METHODS = new Map<string, Method>([
  ['plain', { summary: "plain RL: the task's prompts and the configured reward, no schedule (the GRPO-family twin of every method)" }],
  ['lang', langMethod],
  ['longtrace', longtraceMethod],
  ['contextrl', contextrlMethod],
]);

export function methodNamed(name: string, where = 'config: method'): Method {
  const method = METHODS.get(name);
  if (!method) throw new InputError(`${where}: unknown method "${name}" (known: ${methodNames().join(', ')})`);
  return method;
}

/** The config section of every method that has one, by the method's name, each described by its summary. */
export function methodSections(): Record<string, z.ZodType> {
  return Object.fromEntries([...METHODS].flatMap(([name, m]) => (m.section ? [[name, m.section.optional().describe(`the ${name} method's settings (method: ${name} only): ${m.summary}`)]] : [])));
}

export function methodNames(): string[] {
  return [...METHODS.keys()];
}

/** Adds a method (a plug-in, or a test's toy method); a method with a schedule must also be in methodSchedules.ts. */
export function registerMethod(name: string, method: Method): void {
  if (METHODS.has(name)) throw new Error(`method ${name} is registered already`);
  METHODS.set(name, method);
}

export type { Method } from './method';
