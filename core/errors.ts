/**
 * Error classes shared by every layer. Their `name` becomes the Temporal failure type, and the activity retry
 * policies list the non-retryable ones (see `nonRetryableErrorTypes`), so library code never imports Temporal.
 */

/** Bad input from the user (config, dataset line, CLI argument): retrying cannot help. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Stored bytes that do not match their hash, or a manifest that contradicts its blobs: retrying cannot help. */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}

/** A second writer produced different bytes for an existing content key: a determinism alarm, never an overwrite. */
export class DeterminismError extends Error {
  override name = 'DeterminismError';
}

export const nonRetryableErrorTypes = ['InputError', 'IntegrityError', 'DeterminismError'];
