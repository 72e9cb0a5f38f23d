import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointTokenizerOf, importHuggingFace, type CheckpointManifest } from '../../engine/io';
import { modelOfSize } from '../../engine/model';
import { ByteTokenizer } from '../../engine/tokenizer';
import { promptTokens } from '../../training/tasks';
import { mathTask } from '../../training/tasks/mathTask';
import { createFsStore } from '../../store/fsStore';

const tempStore = (label: string) => ({ store: createFsStore(mkdtempSync(join(tmpdir(), `drl-${label}-`))) });
const producedBy = { commit: 'test', lockfileHash: 'test', ortVersion: '1.30.0', threads: 1 };
const episode = mathTask.episode({ id: 'p1', language: 'en', question: 'Tom has 3 apples and buys 4 more. How many?', answer: '7', steps: ['3 + 4 = 7'] }, 'test');

describe("a checkpoint's tokenizer", () => {
  it('is the byte tokenizer for a named size, whose prompts stay bos and the bytes of the text', async () => {
    const { store } = tempStore('byte-tokenizer');
    const manifest = { model: modelOfSize('tiny') } as CheckpointManifest;
    const { tokenizer, chatTemplate, stopTokens } = await checkpointTokenizerOf(store, manifest);
    expect(tokenizer).toBeInstanceOf(ByteTokenizer);
    expect(chatTemplate).toBeUndefined();
    expect(stopTokens).toEqual([257]);
    const text = mathTask.prompt(episode);
    expect(promptTokens(mathTask, episode, { tokenizer })).toEqual([256, ...Buffer.from(text, 'utf8')]);
  });

  it("renders prompts as a user turn of an imported model's chat template and stops on its end of turn", async () => {
    const { store } = tempStore('hf-tokenizer');
    const { manifest } = await importHuggingFace(store, join('test', 'fixtures', 'hf', 'qwen2'), producedBy);
    const { tokenizer, chatTemplate, stopTokens } = await checkpointTokenizerOf(store, manifest);
    // The tokenizer's 380 ids are fewer than the 384 rows of the padded embedding, as in real Qwen checkpoints.
    expect([tokenizer.vocabSize, manifest.model.vocabSize]).toEqual([380, 384]);
    expect(stopTokens).toEqual([2]);
    const ids = promptTokens(mathTask, episode, { tokenizer, chat: { template: chatTemplate!, system: 'Be brief.' } });
    const [imStart, imEnd] = [tokenizer.encode('<|im_start|>'), tokenizer.encode('<|im_end|>')].map(([id]) => id);
    expect(ids.filter((id) => id === imStart)).toHaveLength(3);
    expect(ids.filter((id) => id === imEnd)).toHaveLength(2);
    expect(tokenizer.decode(ids)).toBe(`system\nBe brief.\nuser\n${mathTask.prompt(episode)}\nassistant\n`);
  });

  it('is an InputError naming both files when its ids go beyond the embedding', async () => {
    const { store } = tempStore('hf-too-big');
    const { manifest } = await importHuggingFace(store, join('test', 'fixtures', 'hf', 'qwen2'), producedBy);
    const smaller = { ...manifest, model: { ...manifest.model, vocabSize: 300 } };
    await expect(checkpointTokenizerOf(store, smaller)).rejects.toThrow(/tokenizer\.json has token ids up to 379, beyond the 300 rows of the embedding \(config\.json vocab_size 300\)/);
  });

  it('is an InputError naming both files when the chat template writes a special token the tokenizer lacks', async () => {
    const { store } = tempStore('hf-template');
    const { manifest } = await importHuggingFace(store, join('test', 'fixtures', 'hf', 'llama'), producedBy);
    const template = await store.putBlob(Buffer.from("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n"));
    const files = { ...manifest.huggingface!.files, 'chat_template.jinja': template };
    await expect(checkpointTokenizerOf(store, { ...manifest, huggingface: { files } })).rejects.toThrow(/chat template \(chat_template\.jinja\) writes the special token <\|im_start\|>, which tokenizer\.json does not have/);
  });
});
