import { Option, type Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { findDataset, type DatasetManifest } from '../../datasets/datasetManifest';
import {
  canonicalDatasetRequest,
  DATASET_BUILDER_NAMES,
  DATASET_BUILDERS,
  datasetKindOf,
  isBuilderName,
  LEGACY_BUILDER_NAMES,
  resolveDatasetConfig,
  type BuilderName,
} from '../../datasets/datasetBuilders';
import { IMPORT_KINDS } from '../../datasets/import/recordSchemas';
import { importDataset, importOptionsOf } from '../../datasets/import/importDataset';
import { MATH_LANGUAGES } from '../../datasets/math';
import { openStore } from '../../store/openStore';
import { taskQueues } from '../../core/taskQueues';
import { buildDataset } from '../../workflows/buildDataset';
import { integerFlag } from '../integerFlag';
import { logLine, printResult } from '../output';
import { openTemporalSession, requirePollers } from '../temporalSession';
import { watchDataset } from '../watchDataset';

/** Every build flag that sets a config field; which ones a builder takes is in BUILDER_FLAGS. */
interface BuildOptions {
  builder?: string;
  /** Milestone 1's name of --builder, read with a warning. */
  recipe?: string;
  kg?: string;
  questions?: string;
  languages?: string;
  hops?: string;
  contextChars?: string;
  problemsPerLanguage?: string;
  maxSteps?: string;
  evalPerLanguage?: string;
  seed?: string;
  chunkSize?: string;
  config?: string;
  out?: string;
  json?: boolean;
  dryRun?: boolean;
}

type ConfigFlag = Exclude<keyof BuildOptions, 'builder' | 'recipe' | 'config' | 'out' | 'json' | 'dryRun'>;

/** How a flag's text becomes its config field. */
const FLAG_FIELDS: Record<ConfigFlag, { flag: string; field: string; parse(text: string, flag: string): unknown }> = {
  kg: { flag: '--kg', field: 'kg', parse: (text) => text },
  questions: { flag: '--questions', field: 'questions', parse: (text, flag) => integerFlag(flag, text) },
  languages: { flag: '--languages', field: 'languages', parse: (text) => text.split(',').map((l) => l.trim()).filter(Boolean) },
  hops: { flag: '--hops', field: 'hops', parse: hopRange },
  contextChars: { flag: '--context-chars', field: 'contextChars', parse: (text, flag) => integerFlag(flag, text) },
  problemsPerLanguage: { flag: '--problems-per-language', field: 'problemsPerLanguage', parse: (text, flag) => integerFlag(flag, text) },
  maxSteps: { flag: '--max-steps', field: 'maxSteps', parse: (text, flag) => integerFlag(flag, text) },
  evalPerLanguage: { flag: '--eval-per-language', field: 'evalPerLanguage', parse: (text, flag) => integerFlag(flag, text) },
  seed: { flag: '--seed', field: 'seed', parse: (text, flag) => integerFlag(flag, text) },
  chunkSize: { flag: '--chunk-size', field: 'chunkSize', parse: (text, flag) => integerFlag(flag, text) },
};

const KG_DEFAULTS: Partial<Record<ConfigFlag, string>> = { kg: 'countries', questions: '100', languages: 'en', hops: '2-4', contextChars: '4000', seed: '0' };
const MATH_DEFAULTS: Partial<Record<ConfigFlag, string>> = {
  languages: MATH_LANGUAGES.join(','),
  problemsPerLanguage: '1000',
  maxSteps: '4',
  evalPerLanguage: '200',
  seed: '0',
};

/** The flags each builder takes, with their defaults; every builder takes --seed, --chunk-size and --config. */
const BUILDER_FLAGS: Record<BuilderName, Partial<Record<ConfigFlag, string>>> = {
  math: MATH_DEFAULTS,
  kgQuestions: KG_DEFAULTS,
  kgPairs: KG_DEFAULTS,
  conlang: {},
  preference: {},
};
const EVERY_BUILDER_FLAGS: ConfigFlag[] = ['seed', 'chunkSize'];
const DEFAULT_BUILDER: BuilderName = 'kgQuestions';

/** The builders, what each builds and its kind, for --help. */
function buildersHelp(): string {
  const width = Math.max(...DATASET_BUILDER_NAMES.map((name) => name.length));
  return DATASET_BUILDER_NAMES.map((name) => `  ${name.padEnd(width)}  ${DATASET_BUILDERS[name].summary} (kind ${DATASET_BUILDERS[name].kind})`).join('\n');
}

export function registerData(program: Command): void {
  const data = program.command('data').description('build, import and inspect datasets');
  data
    .command('build')
    .description('build a dataset with the buildDataset workflow (one activity per stage, resumable)')
    .option('--builder <name>', `what to build: ${DATASET_BUILDER_NAMES.join(', ')} (default ${DEFAULT_BUILDER}; see below)`)
    .addOption(new Option('--recipe <name>', 'deprecated: --builder').hideHelp())
    .option('--languages <list>', 'comma-separated languages (kgQuestions/kgPairs: en; math: all 12)')
    .option('--seed <n>', 'seed (default 0)')
    .option('--chunk-size <n>', 'records per chunk, the resumable unit (kgQuestions/kgPairs: 25; math: 100; conlang: languages, 1)')
    .option('--kg <graph>', 'kgQuestions/kgPairs: countries or wordnet (default countries)')
    .option('--questions <n>', 'kgQuestions/kgPairs: number of questions (default 100)')
    .option('--hops <range>', 'kgQuestions/kgPairs: hop range, e.g. 2-4 (default 2-4)')
    .option('--context-chars <n>', 'kgQuestions/kgPairs: target context length in characters (default 4000)')
    .option('--problems-per-language <n>', 'math: problems in each language (default 1000)')
    .option('--max-steps <n>', 'math: most solution steps, 1 to 4 (default 4)')
    .option('--eval-per-language <n>', 'math: eval problems in each language (default 200)')
    .option('--config <json>', 'further config fields as a JSON object (flags win), e.g. for conlang and preference, which have no flags of their own')
    .option('--out <dir>', 'also export the dataset (records.jsonl, card.json) to this folder')
    .option('--json', 'print one JSON document on stdout')
    .option('--dry-run', 'validate and print the resolved config; start nothing')
    .addHelpText(
      'after',
      `\nBuilders:\n${buildersHelp()}\n` +
        '\nExamples:\n  drl data build --builder kgQuestions --kg countries --questions 50 --languages en,es,ja --hops 2-4 --out data/lt\n' +
        '  drl data build --builder math --languages en,de,bn,sw --problems-per-language 500 --max-steps 3\n' +
        '  drl data build --builder conlang --seed 1 --config \'{"trainLanguages":8,"testLanguages":2,"pairsPerLanguage":500}\'',
    )
    .action(async (options: BuildOptions) => {
      // Old spellings are reported before validation, so that a user sees them even when the config is refused.
      const { builder, warnings: flagWarnings } = builderFlag(options);
      const { request, warnings } = canonicalDatasetRequest(requestOf(builder, options));
      for (const warning of [...flagWarnings, ...warnings]) logLine(`warning: ${warning}`);
      const { config, datasetId } = resolveDatasetConfig(request);
      if (options.dryRun) return printResult(!!options.json, { datasetId, config }, () => JSON.stringify({ datasetId, config }, null, 2));
      const outDir = options.out && writableDir(options.out);

      const session = await openTemporalSession({ embedWorkers: true, log: logLine });
      try {
        await requirePollers(session, ['cpu']);
        const workflowId = `dataset-${datasetId.slice(0, 16)}`;
        const handle = await session.client.workflow
          .start(buildDataset, { taskQueue: taskQueues.cpu, workflowId, args: [config] })
          .catch((err) => {
            if (err instanceof WorkflowExecutionAlreadyStartedError) return session.client.workflow.getHandle(workflowId);
            throw err;
          });
        logLine(`buildDataset ${workflowId} (dataset ${datasetId})`);
        const result = await watchDataset<{ datasetId: string; card: Record<string, unknown> }>(handle, 'dataset');
        if (outDir) await exportDataset(datasetId, outDir);
        printResult(!!options.json, { workflowId, ...result, out: outDir }, () =>
          [`dataset ${result.datasetId}`, JSON.stringify(result.card, null, 2), outDir ? `exported to ${outDir}` : ''].join('\n'),
        );
      } finally {
        await session.close();
      }
    });

  data
    .command('import')
    .description('validate a dataset file and store it as a dataset (no workflow); a bad line imports nothing')
    .argument('<file>', 'JSONL (any kind) or MGSM-style TSV, question<TAB>answer (math)')
    .requiredOption('--kind <kind>', IMPORT_KINDS.join(', '))
    .option('--format <format>', 'jsonl or tsv (default: tsv for .tsv files, else jsonl)')
    .option('--language <code>', 'language of records that name none (TSV files name none)')
    .option('--split <split>', 'split of records that name none: train or eval', 'train')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText(
      'after',
      '\nRecords (JSONL, one object a line; optional id, split and language on every kind):\n' +
        '  math        {question, answer, language, steps?}   answer: a number or the language\'s way of writing one ("1.234,5" in de)\n' +
        '  translation {source, target, language, direction?, book_ref?}   book_ref: "sha256:<hex>" of a book record in the file,\n' +
        '              {kind: "book", text, language, language_name?}  a grammar book to translate with\n' +
        '  preference  {prompt, chosen, rejected}\n' +
        '  longContext {question, context | documents, answer, answer_aliases?, rubric?}\n' +
        '\nExample:\n  drl data import --kind math mgsm_de.tsv --language de --split eval',
    )
    .action(async (file: string, options: { kind: string; format?: string; language?: string; split: string; json?: boolean }) => {
      const { kind, format, language, split } = options;
      const checked = importOptionsOf({ file, kind, format, split });
      for (const warning of checked.warnings) logLine(`warning: ${warning}`);
      const manifest = await importDataset(openStore(), { file, text: readUtf8(file), kind: checked.kind, format, language, split });
      const count = manifest.card.records as number;
      printResult(!!options.json, { file, ...manifest, kind: datasetKindOf(manifest) }, () =>
        `imported ${count} ${checked.kind} records from ${file}${splitsText(manifest)}\ndataset ${manifest.datasetId}`,
      );
    });

  data
    .command('show')
    .description('print a dataset\'s card and its first records')
    .argument('<dataset>', 'dataset id, or its first 6 or more characters')
    .option('--n <n>', 'records to print', '5')
    .option('--split <split>', 'only records of this split: train or eval')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl data show 3f9a2c --n 3 --split eval')
    .action(async (dataset: string, options: { n: string; split?: string; json?: boolean }) => {
      const n = integerFlag('--n', options.n, 1);
      if (options.split !== undefined && options.split !== 'train' && options.split !== 'eval') {
        throw new InputError(`--split must be train or eval, got "${options.split}"`);
      }
      const store = openStore();
      const manifest = await findDataset(store, dataset);
      if (options.split !== undefined && !manifest.splits) {
        throw new InputError(`--split ${options.split}: dataset ${manifest.datasetId} has no splits (its records carry no "split")`);
      }
      const records = firstRecords(await store.getBlob(manifest.records), n, options.split);
      const kind = datasetKindOf(manifest);
      printResult(!!options.json, { datasetId: manifest.datasetId, kind, config: manifest.config, splits: manifest.splits, card: manifest.card, records }, () =>
        [
          `dataset ${manifest.datasetId}${splitsText(manifest)}`,
          `kind ${kind}`,
          JSON.stringify(manifest.card, null, 2),
          `first ${records.length}${options.split ? ` ${options.split}` : ''} records:`,
          ...records.map((record) => JSON.stringify(record, null, 2)),
        ].join('\n'),
      );
    });
}

/** The builder that --builder (or its old name --recipe) names, with a warning for each old spelling. */
function builderFlag(options: BuildOptions): { builder: BuilderName; warnings: string[] } {
  const warnings: string[] = [];
  if (options.recipe !== undefined) {
    if (options.builder !== undefined) throw new InputError('give --builder only (--recipe is its deprecated name)');
    warnings.push('--recipe is deprecated: write --builder');
  }
  const given = options.builder ?? options.recipe ?? DEFAULT_BUILDER;
  const flag = options.builder !== undefined ? '--builder' : '--recipe';
  if (isBuilderName(given)) return { builder: given, warnings };
  if (Object.hasOwn(LEGACY_BUILDER_NAMES, given)) {
    warnings.push(`${flag} ${given} is deprecated: write --builder ${LEGACY_BUILDER_NAMES[given]}`);
    return { builder: LEGACY_BUILDER_NAMES[given], warnings };
  }
  throw new InputError(`${flag} must be one of ${DATASET_BUILDER_NAMES.join(', ')}, got "${given}"`);
}

/** The config request of a build: the builder's defaults, then --config, then the flags given. */
function requestOf(builder: BuilderName, options: BuildOptions): Record<string, unknown> {
  const defaults = BUILDER_FLAGS[builder];
  const takes = (flag: ConfigFlag) => flag in defaults || EVERY_BUILDER_FLAGS.includes(flag);
  const request: Record<string, unknown> = {};
  for (const [flag, text] of Object.entries(defaults) as Array<[ConfigFlag, string]>) {
    request[FLAG_FIELDS[flag].field] = FLAG_FIELDS[flag].parse(text, FLAG_FIELDS[flag].flag);
  }
  Object.assign(request, options.config === undefined ? {} : configFlag(options.config));
  for (const flag of Object.keys(FLAG_FIELDS) as ConfigFlag[]) {
    const text = options[flag];
    if (text === undefined) continue;
    const { flag: name, field, parse } = FLAG_FIELDS[flag];
    if (!takes(flag)) throw new InputError(`${name} does not apply to --builder ${builder}`);
    request[field] = parse(text, name);
  }
  return { ...request, builder };
}

function hopRange(text: string, flag: string): { min: number; max: number } {
  const hops = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!hops) throw new InputError(`${flag} must look like 2-4 or 3, got "${text}"`);
  return { min: Number(hops[1]), max: Number(hops[2] ?? hops[1]) };
}

function configFlag(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--config must be a JSON object: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`--config must be a JSON object, got ${text}`);
  return value as Record<string, unknown>;
}

/** Checked before any work starts, so an unwritable --out never costs a build. */
function writableDir(dir: string): string {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (err) {
    throw new InputError(`--out ${dir}: cannot write there (${(err as Error).message})`);
  }
  return path;
}

async function exportDataset(datasetId: string, outDir: string): Promise<void> {
  const store = openStore();
  const manifest = await findDataset(store, datasetId);
  writeFileSync(join(outDir, 'records.jsonl'), await store.getBlob(manifest.records));
  writeFileSync(join(outDir, 'card.json'), `${JSON.stringify(manifest.card, null, 2)}\n`);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function readUtf8(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as Error).message})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not UTF-8 text`);
  }
}

function firstRecords(records: Uint8Array, n: number, split: string | undefined): unknown[] {
  const chosen: unknown[] = [];
  for (const line of Buffer.from(records).toString('utf8').split('\n')) {
    if (chosen.length === n) break;
    if (!line) continue;
    const record = JSON.parse(line) as { split?: string };
    if (split === undefined || record.split === split) chosen.push(record);
  }
  return chosen;
}

function splitsText(manifest: DatasetManifest): string {
  if (!manifest.splits) return '';
  return ` (${Object.entries(manifest.splits).map(([split, count]) => `${split} ${count}`).join(', ')})`;
}
