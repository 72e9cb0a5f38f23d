/**
 * The workflow side of every method: its schedule, by the method's name. The only recipes/ module the training
 * workflow imports; a method without a schedule (plain RL) has no entry. Workflow-safe. (A schedule is bundled
 * into the workflow sandbox, so it is registered here in code, never at run time.)
 */
import { langSchedule } from './lang';
import type { MethodSchedule } from './methodSchedule';

// Each schedule reads its own config and state; the workflow only passes back what a hook returned.
type AnySchedule = MethodSchedule<any, any, any>;

const METHOD_SCHEDULES: Readonly<Record<string, AnySchedule>> = { lang: langSchedule };

/** The schedule of `method`, or undefined when the method has none. */
export function scheduleOf(method: string): MethodSchedule | undefined {
  return Object.hasOwn(METHOD_SCHEDULES, method) ? METHOD_SCHEDULES[method] : undefined;
}

export type { MethodSchedule, ScheduleEvaluation } from './methodSchedule';
