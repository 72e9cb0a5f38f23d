/**
 * State a runner keeps where its graphs run, made by its hold() or openCache(): opaque outside that runner, freed by
 * its drop(). A runner on another thread sends held feeds there once instead of at every run.
 */
export interface Held {
  readonly kind: 'feeds' | 'cache';
}

export interface RunOptions {
  /** Feeds kept by the runner's hold() (a generate call's weights), added to this run's. */
  held?: Held;
  /** A KV cache made by the runner's openCache(), read and extended by this run (see runWithCache). */
  cache?: Held;
}

