/**
 * Unseen-language translation (arXiv 2606.06428) as a buildDataset builder: constructed languages with their grammar
 * books, and sentence pairs to translate with the book in context; train and test languages are disjoint. The
 * stages are in conlangStages.ts, the record schema in README.md.
 */
import { canonicalJson } from '../../core/canonicalJson';
import type { DatasetBuilder } from '../datasetBuilder';
import { resolveConlangConfig, type ConlangConfig } from './config';
import { buildConlangCard } from './conlangCard';
import { bookRecordOf, languagesChunk, pairsChunk, type LanguagesChunk, type PairsChunk } from './conlangStages';

/** Bumped whenever the same config would produce different records. */
export const CONLANG_GENERATOR = 'durable-rl/datasets/conlang@1';

const STAGES = ['languages', 'pairs'] as const;

function checkStage(stage: string): void {
  if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`conlang datasets have no stage "${stage}" (only ${STAGES.join(', ')})`);
}

function parse<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export const conlangBuilder: DatasetBuilder<ConlangConfig> = {
  generator: CONLANG_GENERATOR,
  kind: 'translation',
  summary: 'constructed languages from a seed: grammar books, and sentence pairs to translate with the book',
  resolveConfig: resolveConlangConfig,
  stages: () => [...STAGES],
  upstream(stage) {
    checkStage(stage);
    return stage === 'pairs' ? ['languages'] : [];
  },
  chunkCount(config, stage) {
    checkStage(stage);
    return Math.ceil((config.trainLanguages + config.testLanguages) / config.chunkSize);
  },
  computeChunk({ stage, config, index, inputs }) {
    checkStage(stage);
    const chunk = stage === 'languages' ? languagesChunk(config, index) : pairsChunk(config, parse<LanguagesChunk>(inputs[0]));
    return Buffer.from(canonicalJson(chunk));
  },
  recordStages: () => [...STAGES],
  // Each language's book record comes first, then its pairs, in language order.
  assemble(config, stageChunks) {
    const chunksOf = (stage: string) => (stageChunks.find((s) => s.stage === stage)?.chunks ?? []);
    const languages = chunksOf('languages').map((bytes) => parse<LanguagesChunk>(bytes));
    const pairs = chunksOf('pairs').map((bytes) => parse<PairsChunk>(bytes));
    const lines: string[] = [];
    languages.forEach((chunk, c) =>
      chunk.languages.forEach((entry, l) => {
        lines.push(canonicalJson(bookRecordOf(entry)));
        for (const pair of pairs[c].languages[l].pairs) lines.push(canonicalJson(pair));
      }),
    );
    return {
      records: Buffer.from(lines.map((line) => `${line}\n`).join('')),
      card: buildConlangCard(config, CONLANG_GENERATOR, conlangBuilder.kind, languages, pairs) as unknown as Record<string, unknown>,
    };
  },
};
