export * from './byteTokenizer';
export * from './tokenizer';
export * from './chatTemplate';
export * from './huggingfaceTokenizer';
