/**
 * Every change to the training workflow's commands since milestone 1, as the `patched()` id that guards it
 * (ARCHITECTURE.md "Versioning"): a run or recorded history from before a change replays the old branch.
 */
export const PATCHES = {
  /** 2026-12-01, issue 14: methods as plug-ins. The prompt check before the first step; DrlMethod for DrlRecipe; model-graded reward terms in their own GPU activity (`grade`) before the reward. */
  methodsAsPlugins: 'methods-as-plugins',
} as const;
