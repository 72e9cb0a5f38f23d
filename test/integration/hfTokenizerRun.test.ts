import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeActivityResources } from '../../activities';
import { readSamples } from '../../activities/chunkedWork';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import { readRunLedger } from '../../cli/runLedger';
import { checkpointTokenizerOf, importHuggingFace } from '../../engine/io';
import { commitCheckpoint, readCheckpointManifest } from '../../training/checkpointStore';
import { tempDir, tempStore, testClient } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

const producedBy = { commit: 'test', lockfileHash: 'test', ortVersion: '1.30.0', threads: 1 };

describe('a run from an imported Hugging Face checkpoint (real dev server, real engine)', () => {
  it("samples, trains and evaluates with the checkpoint's tokenizer and chat template", async () => {
    // The random tiny Qwen2 fixture, with room for a chat-templated math prompt (RoPE has no learned positions).
    const folder = join(tempDir('hf-qwen2'), 'qwen2');
    cpSync(join('test', 'fixtures', 'hf', 'qwen2'), folder, { recursive: true });
    const configFile = join(folder, 'config.json');
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), max_position_embeddings: 256 }));
    const { store } = tempStore('hf-run');
    const imported = await importHuggingFace(store, folder, producedBy);
    const base = await commitCheckpoint(store, imported.manifest);
    const { tokenizer } = await checkpointTokenizerOf(store, imported.manifest);
    const imStart = tokenizer.encode('<|im_start|>');
    expect(imStart).toHaveLength(1);

    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const config = { ...fastRunConfig, policy: { checkpoint: base }, steps: 1, promptsPerStep: 2, groupSize: 2, evaluation: { every: 1, problems: 2, batch: 2 }, prompts: { system: 'Answer with a number.' } };
      const handle = await startRun(client, workers, { config });
      const result = await handle.result();
      expect(result.steps).toBe(1);
      expect(result.evaluations.map((e) => e.step)).toEqual([0, 1]);
      // Every checkpoint of the run keeps the imported files, so its tokenizer goes with it.
      expect((await readCheckpointManifest(store, result.checkpoint)).huggingface).toEqual(imported.manifest.huggingface);

      const rollout = (await readRunLedger(client, handle.workflowId)).activities.find((a) => a.type === 'rollout')!;
      const samples = await readSamples<RolloutSample>(store, (rollout.result as { key: string }).key);
      expect(samples).toHaveLength(4);
      for (const s of samples) {
        expect(s.promptTokens!.filter((id) => id === imStart[0])).toHaveLength(3);
        expect(tokenizer.decode(s.promptTokens!)).toBe(`system\nAnswer with a number.\nuser\n${s.prompt}\nassistant\n`);
        expect(s.tokens.every((id) => id < imported.manifest.model.vocabSize)).toBe(true);
        expect(s.text).toBe(tokenizer.decode(s.tokens));
      }
    } finally {
      await close();
      await workers.stop();
    }
  });
});
