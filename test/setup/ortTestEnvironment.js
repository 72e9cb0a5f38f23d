// Jest runs each test file in its own realm, but onnxruntime-node's native binding creates output arrays in the
// main realm, and onnxruntime-common rejects them with `instanceof`. Test files that call ORT on the test thread
// use this environment (docblock `@jest-environment ./test/setup/ortTestEnvironment.js`) to share the typed-array
// constructors of the main realm. Product code runs ORT in a worker thread and does not need it.
const { TestEnvironment } = require('jest-environment-node');

class OrtTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Float32Array', 'Float64Array', 'BigInt64Array', 'Int32Array', 'Uint8Array', 'Uint16Array', 'Int8Array', 'Int16Array', 'Uint32Array', 'BigUint64Array', 'Uint8ClampedArray', 'ArrayBuffer']) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OrtTestEnvironment;
