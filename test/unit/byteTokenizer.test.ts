import { namedSizes } from '../../engine/model';
import { ByteTokenizer } from '../../engine/tokenizer';

describe('byte tokenizer', () => {
  const tok = new ByteTokenizer();

  test('its vocabulary is the byte-vocabulary size of the named model sizes', () => {
    expect(tok.vocabSize).toBe(264);
    for (const size of Object.values(namedSizes)) expect(size.vocabSize).toBe(tok.vocabSize);
  });

  test('UTF-8 round trip, special tokens dropped on decode', () => {
    const text = 'héllo, 世界 🙂';
    const ids = tok.encode(text, { bos: true, eos: true });
    expect(ids[0]).toBe(tok.bos);
    expect(ids[ids.length - 1]).toBe(tok.eos);
    expect(ids.length).toBe(new TextEncoder().encode(text).length + 2);
    expect(tok.decode(ids)).toBe(text);
  });

  test('a special token written as text stays bytes', () => {
    expect(tok.encode('<|eos|>').includes(tok.eos)).toBe(false);
  });

  test('ids outside the vocabulary are refused', () => {
    expect(() => tok.decode([65, 999])).toThrow(/token id 999 is outside 0..263/);
  });
});
