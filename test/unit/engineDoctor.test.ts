import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CUDA_PROVIDER_LIBRARIES, executionProviderDoctor } from '../../engine/runtime/doctor';

describe('drl engine doctor', () => {
  test('the CPU provider computes the probe; every provider that fails says why and what is missing', async () => {
    const report = await executionProviderDoctor();
    expect(report.ortVersion).toBe((require('onnxruntime-node/package.json') as { version: string }).version);
    expect(report.providers.map((p) => p.provider)).toEqual(['cpu', 'cuda', 'webgpu']);
    const [cpu, cuda, webgpu] = report.providers;
    expect(cpu).toEqual({ provider: 'cpu', bundled: true, works: true });
    for (const p of [cuda, webgpu]) {
      if (!p.works) {
        expect(p.error).toMatch(/\S/);
        expect(p.hint).toMatch(/\S/);
      }
    }
    // The npm package never carries the CUDA provider libraries; where they are absent the hint names them.
    const libraries = CUDA_PROVIDER_LIBRARIES.filter((f) => existsSync(join(report.bindingDir, f)));
    if (libraries.length < CUDA_PROVIDER_LIBRARIES.length) {
      expect(cuda.works).toBe(false);
      expect(cuda.hint).toMatch(/libonnxruntime_providers_.*missing from .*onnxruntime-gpu==/);
    }
  });
});
