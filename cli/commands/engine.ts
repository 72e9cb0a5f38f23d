import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../core/errors';
import { GRADCHECK_MAX_RELATIVE_ERROR, gradcheckModel } from '../../engine/selfcheck/gradcheckModel';
import { runSft, TRAIN_LOSS_NAMES, type TrainLossName } from '../../engine/train';
import { namedSizes, parameterCount } from '../../engine/model';
import { saveStageCheckpoint } from '../../activities/pipeline/stageCheckpoint';
import { exitCodes, logLine, printResult } from '../output';
import { exportHuggingFace, importHuggingFace } from '../../engine/io';
import { resolveRuntimeOptions, type ExecutionProvider } from '../../engine/runtime';
import { EXECUTION_PROVIDERS, executionProviderDoctor } from '../../engine/runtime/doctor';
import { openStore } from '../../store/openStore';
import { commitCheckpoint, readCheckpoint } from '../../training/checkpointStore';
import { provenance } from '../../training/provenance';
import { integerFlag } from '../integerFlag';
import { readPromptCompletionJsonl } from '../readPromptCompletionJsonl';

export function registerEngine(program: Command): void {
  const engine = program.command('engine').description('engine self-checks, supervised training, Hugging Face import/export and the execution-provider doctor');
  engine
    .command('gradcheck')
    .description(
      'autodiff gradients of a seeded random model against float64 central finite differences over every parameter; ' +
        `exit 1 when the max relative error exceeds ${GRADCHECK_MAX_RELATIVE_ERROR}`,
    )
    .option('--seed <n>', 'seed of the model and batch', '0')
    .option('--loss <loss>', TRAIN_LOSS_NAMES.join('|'), 'sft')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl engine gradcheck --seed 3 --loss grpo --json')
    .action(async (options: { seed: string; loss: string; json?: boolean }) => {
      if (!TRAIN_LOSS_NAMES.includes(options.loss as TrainLossName)) {
        throw new InputError(`--loss must be one of ${TRAIN_LOSS_NAMES.join(', ')}, got "${options.loss}"`);
      }
      const result = await gradcheckModel({ seed: integerFlag('--seed', options.seed, 0), loss: options.loss as TrainLossName });
      printResult(!!options.json, result, () =>
        `${result.loss}: max relative error ${result.maxRelativeError.toExponential(2)} over ${result.checked} of ` +
          `${result.parameters} parameter elements (${result.ok ? 'ok' : `above ${GRADCHECK_MAX_RELATIVE_ERROR}`}; worst ` +
          `${result.worst.parameter}[${result.worst.index}])`,
      );
      if (!result.ok) process.exitCode = exitCodes.failed;
    });

  engine
    .command('sft')
    .description('supervised fine-tuning of a fresh model on prompt/completion pairs, as a pipeline\'s sft stage trains; saves the checkpoint to the store and prints the loss curve')
    .requiredOption('--data <file>', 'JSONL, one {"prompt": ..., "completion": ...} per line')
    .option('--size <size>', Object.keys(namedSizes).join('|'), 'tiny')
    .option('--steps <n>', 'optimizer steps', '100')
    .option('--lr <lr>', 'learning rate', '3e-3')
    .option('--batch <n>', 'examples per step', '8')
    .option('--seed <n>', 'seed of the weights and the example order', '0')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl engine sft --data pairs.jsonl --size tiny --steps 200')
    .action(async (options: { data: string; size: string; steps: string; lr: string; batch: string; seed: string; json?: boolean }) => {
      const data = readPromptCompletionJsonl(options.data);
      const started = Date.now();
      const settings = { size: options.size as keyof typeof namedSizes, steps: integerFlag('--steps', options.steps, 1), lr: Number(options.lr), batch: integerFlag('--batch', options.batch, 1), seed: integerFlag('--seed', options.seed, 0) };
      const { losses, state } = await runSft({ data, ...settings });
      const threads = resolveRuntimeOptions().threads;
      const checkpoint = await saveStageCheckpoint(openStore(), state, { parent: null, seed: settings.seed, threads, stage: { pipelineStage: 'drl engine sft', kind: 'sft', settings: { ...settings, data: basename(options.data), examples: data.length } } });
      logLine(`${losses.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s; checkpoint ${checkpoint}`);
      printResult(!!options.json, { examples: data.length, losses, checkpoint }, () =>
        [...losses.map((loss, step) => `step ${String(step + 1).padStart(5)}  loss ${loss.toFixed(4)}`), `checkpoint ${checkpoint}`].join('\n'),
      );
    });

  registerHuggingFaceTransfer(engine);
  registerDoctor(engine);
}

/** drl engine import / export: Hugging Face model folders in and out of the checkpoint store. */
function registerHuggingFaceTransfer(engine: Command): void {
  engine
    .command('import')
    .description('a checkpoint (step 0) from a Hugging Face Llama, Qwen2 or Qwen3 model folder: config.json, safetensors (sharded too), tokenizer.json, tokenizer_config.json; prints its id')
    .argument('<dir>', 'the model folder')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nThe checkpoint goes to DRL_STORE (default .drl/store); its weights are float32.\n\nExample:\n  drl engine import ./Qwen2.5-0.5B-Instruct --json')
    .action(async (dir: string, options: { json?: boolean }) => {
      const store = openStore();
      const imported = await importHuggingFace(store, dir, provenance(resolveRuntimeOptions().threads));
      const id = await commitCheckpoint(store, imported.manifest);
      const { model } = imported.manifest;
      const t = imported.tokenizer;
      const result = {
        id,
        architecture: imported.architecture,
        model,
        parameters: parameterCount(model),
        weightFiles: imported.weightFiles,
        files: Object.keys(imported.manifest.huggingface?.files ?? {}).sort(),
        tokenizer: { vocabSize: t.vocabSize, bos: t.bos, eos: t.eos, pad: t.pad, chatTemplate: t.chatTemplate !== undefined },
      };
      logLine(`${imported.architecture}: ${result.parameters.toLocaleString('en')} parameters, ${model.nLayers} layers, d=${model.dModel}, vocabulary ${model.vocabSize}`);
      printResult(!!options.json, result, () => id);
    });

  engine
    .command('export')
    .description('a checkpoint as a Hugging Face model folder (config.json, float32 model.safetensors, and the tokenizer files of an imported checkpoint), loadable by transformers')
    .argument('<checkpoint>', 'checkpoint id or unique id prefix in DRL_STORE')
    .argument('<dir>', 'a new or empty folder')
    .option('--max-shard-mb <n>', 'split the weights into shards of at most this many MiB (transformers default: 5120)', '5120')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl engine export 3f2a9c01 ./exported && python -c "import transformers; transformers.AutoModelForCausalLM.from_pretrained(\'./exported\')"')
    .action(async (ref: string, dir: string, options: { maxShardMb: string; json?: boolean }) => {
      const maxShardBytes = integerFlag('--max-shard-mb', options.maxShardMb, 1) * 1024 * 1024;
      const store = openStore();
      const checkpoint = await readCheckpoint(store, ref);
      const files = await exportHuggingFace(store, checkpoint, dir, { maxShardBytes });
      printResult(!!options.json, { checkpoint: checkpoint.id, dir, files }, () => files.map((f) => join(dir, f)).join('\n'));
    });
}

function registerDoctor(engine: Command): void {
  engine
    .command('doctor')
    .description('which ONNX Runtime execution providers (cpu, cuda, webgpu) work on this machine, and why the others do not')
    .option('--require <providers>', 'comma-separated providers that must work; exit 1 when one does not', 'cpu')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nEach provider is tried in a child process: a session on it alone must compute a known answer.\n\nExample:\n  drl engine doctor --require cpu,cuda --json')
    .action(async (options: { require: string; json?: boolean }) => {
      const required = options.require.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
      const unknown = required.filter((p) => !EXECUTION_PROVIDERS.includes(p as ExecutionProvider));
      if (unknown.length > 0) throw new InputError(`--require: unknown providers ${unknown.join(', ')} (known: ${EXECUTION_PROVIDERS.join(', ')})`);
      const report = await executionProviderDoctor();
      printResult(!!options.json, report, () =>
        [
          `onnxruntime-node ${report.ortVersion} on ${report.platform} (${report.bindingDir})`,
          ...report.providers.map((p) => `${p.provider.padEnd(7)} ${p.works ? 'works' : `does not work: ${p.error}\n        ${p.hint}`}`),
        ].join('\n'),
      );
      if (report.providers.some((p) => required.includes(p.provider) && !p.works)) process.exitCode = exitCodes.failed;
    });
}
