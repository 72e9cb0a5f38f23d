import { badParam } from './apiError';

export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/**
 * The chat template of byte-level checkpoints: each message is a role tag line and its content, then the tag of the
 * assistant turn to be written:
 *
 *   <|user|>\nWhat is 2+2?\n<|assistant|>\n
 *
 * The tags are plain text (the byte tokenizer never turns typed text into special tokens); the server adds bos before
 * it, and an assistant turn ends with eos, as `runSft` trains a completion. To fine-tune a chat model, train on
 * prompt = renderChat(messages), completion = the reply.
 */
export function renderChat(messages: readonly ChatMessage[]): string {
  return `${messages.map((m) => `<|${m.role}|>\n${m.content}\n`).join('')}<|assistant|>\n`;
}

/** Checks `messages` of a chat request; content may be a string or a list of text parts. */
export function parseChatMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) throw badParam('messages', 'expected a non-empty list of {role, content}');
  return value.map((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (typeof m !== 'object' || m === null) throw badParam(at, 'expected an object with role and content');
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (!CHAT_ROLES.includes(role as ChatRole)) throw badParam(`${at}.role`, `expected one of ${CHAT_ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    return { role: role as ChatRole, content: contentText(content, `${at}.content`) };
  });
}

function contentText(content: unknown, at: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: unknown; text?: unknown }, j) => {
        if (part?.type !== 'text' || typeof part.text !== 'string') throw badParam(`${at}[${j}]`, 'only {"type": "text", "text": ...} parts are supported by a text-only model');
        return part.text;
      })
      .join('');
  }
  throw badParam(at, 'expected a string or a list of text parts');
}
