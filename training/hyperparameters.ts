/**
 * The hyperparameters a run may change while it goes on (`drl signal ID set KEY=VALUE`). A pure leaf module: the
 * workflow's update validator imports it, so it must not reach Node builtins or the engine.
 */
import { z } from 'zod';
import { InputError } from '../core/errors';

/** Hyperparameters that `drl signal ID set KEY=VALUE` may change while the run goes on. */
export const hyperparametersSchema = z
  .object({
    lr: z.number().positive().max(1).describe('AdamW learning rate'),
    klBeta: z.number().min(0).describe('weight of the KL penalty to the initial policy (0: no KL term)'),
    temperature: z.number().positive().max(10).describe('sampling temperature of rollouts'),
    epsLow: z.number().min(0).max(1).describe('lower clip range of the policy ratio'),
    epsHigh: z.number().min(0).max(1).describe('upper clip range of the policy ratio'),
  })
  .strict();

export type Hyperparameters = z.infer<typeof hyperparametersSchema>;

/** The values that belong to no loss preset; a preset fills epsLow, epsHigh and klBeta. */
export const HYPERPARAMETER_DEFAULTS = { lr: 1e-3, temperature: 1 } as const;

/** A new value for one hyperparameter, checked as the schema checks it; the error says what is allowed. */
export function validateHyperparameter(key: string, value: unknown): { key: keyof Hyperparameters; value: number } {
  const shape = hyperparametersSchema.shape;
  if (!(key in shape)) throw new InputError(`unknown hyperparameter "${key}"; settable: ${Object.keys(shape).join(', ')}`);
  const field = shape[key as keyof Hyperparameters];
  const parsed = field.safeParse(value);
  if (!parsed.success) throw new InputError(`${key}=${JSON.stringify(value)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return { key: key as keyof Hyperparameters, value: parsed.data as number };
}
