import { bundleWorkflowCode } from '@temporalio/worker';
import { forbiddenWorkflowModules } from '../workflowSandboxRules';

describe('workflow bundle', () => {
  it('bundles the workflows without Node builtins, native modules, engine/, store/, datasets/, rewards/ or training/tasks/', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    // Webpack names every bundled module on a `/***/ "./path"` line.
    const sources = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((match) => match[1]);
    expect(sources.some((source) => source.includes('workflows/buildDataset'))).toBe(true);
    // A method's schedule is the one part of a method the workflow runs.
    expect(sources.some((source) => source.includes('recipes/lang'))).toBe(true);
    expect(forbiddenWorkflowModules(sources)).toEqual([]);
  });

  it('flags each kind of forbidden module, directly or through another file', () => {
    const sources = [
      './dist/workflows/buildDataset.js',
      './dist/store/fsStore.js',
      './dist/engine/graph/builder.js',
      './dist/datasets/randomWalks.js',
      './dist/rewards/mathAnswer.js',
      './dist/training/tasks/mathTask.js',
      './node_modules/onnxruntime-node/dist/index.js',
      'fs',
      'node:crypto',
    ];
    expect(forbiddenWorkflowModules(sources)).toEqual(sources.slice(1));
  });
});
