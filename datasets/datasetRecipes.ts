/**
 * Every recipe `buildDataset` can build, by the name a config gives in `recipe`. A recipe is registered here and
 * nowhere else: the activities, the offload thread and the CLI all look it up by name.
 */
import { InputError } from '../core/errors';
import { hashOf } from '../core/hash';
import type { DatasetRecipe } from './datasetRecipe';
import { unseenMtRecipe } from './conlang/unseenMtRecipe';
import { kgDatasetRecipe } from './kgStages';
import { mathDatasetRecipe } from './math/mathRecipe';

/** What every resolved config holds; the rest belongs to its recipe. The whole config crosses Temporal as JSON. */
export type RecipeConfig = { recipe: string; chunkSize: number };

const DATASET_RECIPES: Readonly<Record<string, DatasetRecipe>> = {
  longtrace: kgDatasetRecipe,
  contextrl: kgDatasetRecipe,
  lang: mathDatasetRecipe,
  luar: mathDatasetRecipe,
  exprl: mathDatasetRecipe,
  'unseen-mt': unseenMtRecipe,
};

export const DATASET_RECIPE_NAMES = Object.keys(DATASET_RECIPES);

export function recipeNamed(name: unknown): DatasetRecipe {
  const recipe = typeof name === 'string' && Object.hasOwn(DATASET_RECIPES, name) ? DATASET_RECIPES[name] : undefined;
  if (!recipe) {
    const got = name === undefined ? 'nothing' : JSON.stringify(name);
    throw new InputError(`invalid dataset config: config.recipe: expected one of ${DATASET_RECIPE_NAMES.join(', ')}, got ${got}`);
  }
  return recipe;
}

/** Validates a request with its recipe (errors name the field) and derives the dataset id. */
export function resolveDatasetConfig(raw: Record<string, unknown>): { recipe: DatasetRecipe; config: RecipeConfig; datasetId: string } {
  const recipe = recipeNamed(raw.recipe);
  const config = recipe.resolveConfig(raw);
  return { recipe, config, datasetId: hashOf({ generator: recipe.generator, config }) };
}
