/** Every task by the dataset kind it reads: one table, so a run, `drl eval` and a warm-up find a record's task here. */
import { InputError } from '../../core/errors';
import { contextPairsTask } from './contextPairsTask';
import { longContextTask } from './longContextTask';
import { mathTask } from './mathTask';
import { preferenceTask } from './preferenceTask';
import type { Episode, Task } from './task';

// each task reads episodes of its own type; callers hold a Task of their record's kind
const TASKS = new Map<string, Task<any>>([mathTask, longContextTask, contextPairsTask, preferenceTask].map((task) => [task.kind, task]));

/** Adds a task for a new dataset kind (a method's own, or a test's). */
export function registerTask<E extends Episode>(task: Task<E>): void {
  if (TASKS.has(task.kind)) throw new Error(`a task for dataset kind ${task.kind} is registered already`);
  TASKS.set(task.kind, task);
}

export function taskFor(kind: string, where: string): Task {
  const task = TASKS.get(kind);
  if (!task) throw new InputError(`${where}: datasets of kind ${kind} have no task to train on yet (tasks read: ${[...TASKS.keys()].join(', ')})`);
  return task;
}

export type { Episode, EpisodeGrade, Grading, GradingField, PromptOptions, PromptRendering, Task } from './task';
export { promptTokens } from './task';
export { preferencePairsOf, type PreferenceEpisode } from './preferenceTask';
