export * from './byteTokenizer';
