import { runInThisContext } from 'node:vm';

/**
 * Jest runs a test file in its own realm, but onnxruntime-node's native binding creates output arrays in the main
 * realm, and onnxruntime-common rejects them with `instanceof`. Importing this first makes the test realm use the
 * main realm's typed arrays. Only tests that call ORT on the test thread need it: the engine runs ORT in a worker.
 */
const typedArrays = ['Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint16Array', 'Uint32Array', 'Uint8ClampedArray'];
for (const name of typedArrays) (globalThis as Record<string, unknown>)[name] = runInThisContext(name);
