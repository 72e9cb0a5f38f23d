import '../helpers/shareTypedArraysWithOrt';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import OpenAI from 'openai';
import { saveSftCheckpoint } from '../helpers/sftCheckpoint';
import { drlBin, tempStore } from '../helpers/temporalTestKit';

/*
 * `drl serve` as a user runs it: the compiled CLI on a checkpoint named by the path of its manifest file, the URL it
 * prints, and a SIGTERM in the middle of a streamed request, which still completes before the process exits 0.
 */
const { dir, store } = tempStore('serve-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startServe(args: string[]) {
  const child = spawn(process.execPath, [drlBin, 'serve', ...args], { env: { ...process.env, DRL_STORE: join(dir, 'elsewhere') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = new Promise<{ url: string; model: string }>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(JSON.parse(stdout) as { url: string; model: string });
    });
    child.on('exit', (code) => reject(new Error(`drl serve exited ${code}: ${stderr}`)));
  });
  return { child, listening, output: () => ({ stdout, stderr }) };
}

test('--help explains the verb with an example; a missing checkpoint exits 2 naming it', () => {
  const help = spawnSync(process.execPath, [drlBin, 'serve', '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/--checkpoint <ref>[\s\S]*Example:\n {2}drl serve --checkpoint/);
  const missing = spawnSync(process.execPath, [drlBin, 'serve', '--checkpoint', 'checkpoints/none/0', '--port', '0'], { encoding: 'utf8', env: { ...process.env, DRL_STORE: dir } });
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('checkpoints/none/0');
});

test('serves a checkpoint by its manifest path and finishes the request in flight on SIGTERM', async () => {
  const { id } = await saveSftCheckpoint(store, { data: [{ prompt: 'q', completion: 'a' }], steps: 2, batch: 1, lr: 1e-3, seed: 2 });
  const serve = startServe(['--checkpoint', join(dir, 'checkpoints', `${id}.json`), '--port', '0', '--json']);
  const { url, model } = await serve.listening;
  expect(model).toBe(id);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  const client = new OpenAI({ baseURL: url, apiKey: 'unused', maxRetries: 0 });
  // A barely trained model rarely samples eos, so eight rows of 200 tokens keep the batch busy for a while.
  const stream = await client.completions.create({ model, prompt: 'q', n: 8, max_tokens: 200, temperature: 1, seed: 1, stream: true });
  const texts = Array.from({ length: 8 }, () => '');
  const finish: Array<string | null> = Array(8).fill(null);
  let chunksAfterSignal = -1;
  for await (const chunk of stream) {
    if (chunksAfterSignal++ < 0) serve.child.kill('SIGTERM');
    for (const c of chunk.choices) {
      texts[c.index] += c.text;
      finish[c.index] ??= c.finish_reason;
    }
  }
  const [code] = (await once(serve.child, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect(chunksAfterSignal).toBeGreaterThan(100);
  expect(finish.every((f) => f === 'stop' || f === 'length')).toBe(true);
  expect(finish).toContain('length');
  expect(serve.output().stderr).toContain('finishing the requests in flight');
});
