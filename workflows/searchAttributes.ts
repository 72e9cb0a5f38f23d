import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** A search attribute's name and type (the SDK does not export its own name for this). */
export type SearchAttributeKey = ReturnType<typeof defineSearchAttributeKey>;

/** The project's search attributes (ARCHITECTURE.md); `drl dev`, the test server and `drl setup` register exactly these. */
export const DrlKind = defineSearchAttributeKey('DrlKind', SearchAttributeType.KEYWORD);
/** The run's method (plain, lang, ...). */
export const DrlMethod = defineSearchAttributeKey('DrlMethod', SearchAttributeType.KEYWORD);
/** What older runs recorded instead of DrlMethod; still registered so that visibility queries over them keep working. */
export const DrlRecipe = defineSearchAttributeKey('DrlRecipe', SearchAttributeType.KEYWORD);
export const DrlStep = defineSearchAttributeKey('DrlStep', SearchAttributeType.INT);
export const DrlReward = defineSearchAttributeKey('DrlReward', SearchAttributeType.DOUBLE);
export const DrlStatus = defineSearchAttributeKey('DrlStatus', SearchAttributeType.KEYWORD);
export const DrlConfigHash = defineSearchAttributeKey('DrlConfigHash', SearchAttributeType.KEYWORD);

/** Every search attribute a namespace needs for drl, each with its name and type. */
export const drlSearchAttributes: SearchAttributeKey[] = [
  DrlKind,
  DrlMethod,
  DrlRecipe,
  DrlStep,
  DrlReward,
  DrlStatus,
  DrlConfigHash,
];
