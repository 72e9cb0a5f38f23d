import type { ChatMessage as TemplateMessage } from '../engine/tokenizer';
import { badParam } from './apiError';
import { ChatMessage, renderChat } from './chatTemplate';
import type { ServedModel } from './generation';

/** A completion request's prompt: bos (where the tokenizer has one) and the text's tokens. */
export function completionPromptIds(served: ServedModel, prompt: string): number[] {
  return served.tokenizer.encode(prompt, { bos: true });
}

/**
 * A chat request's prompt: the imported model's chat template with the assistant's opening and the request's
 * template variables (it writes bos itself, as transformers' apply_chat_template does; OpenAI's developer role is its
 * system turn), else renderChat after bos, which has no variables.
 */
export function chatPromptIds(served: ServedModel, messages: readonly ChatMessage[], variables?: Readonly<Record<string, string | number | boolean>>): number[] {
  const { tokenizer, chatTemplate } = served;
  if (!chatTemplate) {
    if (variables) throw badParam('chat_template_kwargs', 'this checkpoint has no chat template (byte-level chat format)');
    return tokenizer.encode(renderChat(messages), { bos: true });
  }
  const turns: TemplateMessage[] = messages.map((m) => ({ role: m.role === 'developer' ? 'system' : m.role, content: m.content }));
  return tokenizer.encode(chatTemplate.render(turns, { addGenerationPrompt: true, ...(variables ? { variables } : {}) }));
}
