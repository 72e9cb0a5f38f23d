import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The project's search attributes (ARCHITECTURE.md); `drl dev` and the test server register exactly these. */
export const DrlKind = defineSearchAttributeKey('DrlKind', SearchAttributeType.KEYWORD);
export const DrlMethod = defineSearchAttributeKey('DrlMethod', SearchAttributeType.KEYWORD);
/** The method's name in runs started before methods were plug-ins (milestone 1). */
export const DrlRecipe = defineSearchAttributeKey('DrlRecipe', SearchAttributeType.KEYWORD);
export const DrlStep = defineSearchAttributeKey('DrlStep', SearchAttributeType.INT);
export const DrlReward = defineSearchAttributeKey('DrlReward', SearchAttributeType.DOUBLE);
export const DrlStatus = defineSearchAttributeKey('DrlStatus', SearchAttributeType.KEYWORD);
export const DrlConfigHash = defineSearchAttributeKey('DrlConfigHash', SearchAttributeType.KEYWORD);

export const drlSearchAttributes = [DrlKind, DrlMethod, DrlRecipe, DrlStep, DrlReward, DrlStatus, DrlConfigHash];
