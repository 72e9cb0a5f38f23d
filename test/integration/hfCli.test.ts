import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drlBin, tempDir } from '../helpers/temporalTestKit';

const FIXTURES = resolve('test', 'fixtures', 'hf');

describe('drl engine import / export / doctor', () => {
  const cwd = tempDir('hf-cli');
  const env = { ...process.env, DRL_STORE: join(cwd, 'store') };
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const drl = (...args: string[]) => {
    const run = spawnSync(process.execPath, [drlBin, ...args], { encoding: 'utf8', cwd, env });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('imports a sharded bfloat16 Llama folder, prints its id, and exports it back as a transformers folder', () => {
    const imported = drl('engine', 'import', join(FIXTURES, 'llama'), '--json');
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.stdout) as { id: string; architecture: string; parameters: number; tokenizer: { bos: number; eos: number; chatTemplate: boolean } };
    expect(result).toMatchObject({ architecture: 'llama', parameters: 80112, tokenizer: { bos: 1, eos: 2, chatTemplate: true } });
    // Same folder, same checkpoint: the id is the manifest's hash and the manifest holds content addresses.
    expect(drl('engine', 'import', join(FIXTURES, 'llama')).stdout.trim()).toBe(result.id);

    const out = join(cwd, 'exported');
    const exported = drl('engine', 'export', result.id.slice(0, 12), out, '--max-shard-mb', '1', '--json');
    expect(exported.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['chat_template.jinja', 'config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    expect(readFileSync(join(out, 'tokenizer.json'))).toEqual(readFileSync(join(FIXTURES, 'llama', 'tokenizer.json')));
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({ model_type: 'llama', dtype: 'float32', num_hidden_layers: 2 });

    const again = drl('engine', 'export', result.id, out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exported is not empty; export writes into a new or empty folder/);
  });

  it('refuses a folder it cannot run with exit code 2 and the reason', () => {
    const { code, stderr } = drl('engine', 'import', join(FIXTURES, 'nowhere'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/nowhere is not a folder/);
  });

  it('reports every execution provider; exit 1 when a required one does not work', () => {
    const { code, stdout } = drl('engine', 'doctor', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { providers: Array<{ provider: string; works: boolean; error?: string }> };
    expect(report.providers.map((p) => [p.provider, p.works || typeof p.error === 'string'])).toEqual([['cpu', true], ['cuda', true], ['webgpu', true]]);
    const broken = report.providers.find((p) => !p.works);
    if (broken) expect(drl('engine', 'doctor', '--require', `cpu,${broken.provider}`).code).toBe(1);
    expect(drl('engine', 'doctor', '--require', 'tpu').code).toBe(2);
  });
});
