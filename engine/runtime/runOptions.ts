/**
 * Feeds a runner keeps for later runs (see RunOptions.held), made by its `hold`: opaque outside that runner. A
 * runner on another thread copies them there once instead of at every run, e.g. a generate call's weights.
 */
export interface HeldFeeds {
  readonly names: readonly string[];
}

export interface RunOptions {
  /** Feeds kept by the runner's hold(), added to this run's. */
  held?: HeldFeeds;
  /**
   * Feeds whose buffers the runner may move to its thread and back instead of copying them (a KV cache). They come
   * back among the outputs, under their own names; the caller uses those and drops its own, which may be detached.
   * Each must own its whole buffer (not be a view into a larger one). After a failed run they are lost.
   */
  lend?: readonly string[];
}
