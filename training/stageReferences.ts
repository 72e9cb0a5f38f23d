/**
 * How a pipeline stage names an earlier stage's output: `{stage: NAME}` wherever a checkpoint id is accepted
 * (`policy: {checkpoint: {stage: sft}}`, `reward.rewardModel.checkpoint: {stage: rm}`). Pure functions of plain
 * data, so the pipeline workflow resolves references itself, deterministically, and the plan checks them before any
 * stage starts.
 */

export interface StageReference {
  stage: string;
}

export function isStageReference(value: unknown): value is StageReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as StageReference).stage === 'string';
}

/** Every reference in a value, with its path (`run.policy.checkpoint`). */
export function stageReferences(value: unknown, path = ''): Array<{ path: string; stage: string }> {
  if (isStageReference(value)) return [{ path, stage: value.stage }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => stageReferences(child, path ? `${path}.${key}` : key));
}

/** A value's type once its references are checkpoint ids. */
export type Resolved<T> = T extends StageReference ? string : T extends Array<infer U> ? Array<Resolved<U>> : T extends object ? { [K in keyof T]: Resolved<T[K]> } : T;

/** The value with each reference replaced by `outputOf(stage)`. */
export function resolveStageReferences<T>(value: T, outputOf: (stage: string) => string): Resolved<T> {
  const resolve = (v: unknown): unknown => {
    if (isStageReference(v)) return outputOf(v.stage);
    if (Array.isArray(v)) return v.map(resolve);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([key, child]) => [key, resolve(child)]));
  };
  return resolve(value) as Resolved<T>;
}
