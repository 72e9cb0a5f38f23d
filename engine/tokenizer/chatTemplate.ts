import { Template } from '@huggingface/jinja';
import { InputError } from '../../core/errors';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatRenderOptions {
  addGenerationPrompt?: boolean;
  variables?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A model's Jinja chat template, rendered by @huggingface/jinja (the engine of transformers.js) with the variables
 * transformers passes: messages, add_generation_prompt and the special tokens by name (bos_token, eos_token, ...).
 */
export class ChatTemplate {
  private readonly template: Template;

  constructor(readonly source: string, private readonly specialTokens: Record<string, string>, where: string) {
    try {
      this.template = new Template(source);
    } catch (e) {
      throw new InputError(`${where}: chat template does not parse: ${(e as Error).message}`);
    }
  }

  /**
   * The prompt text; `addGenerationPrompt` appends the opening of the assistant's turn; `variables` are further ones
   * the template reads, as transformers passes apply_chat_template's extra arguments (Qwen3's enable_thinking).
   */
  render(messages: readonly ChatMessage[], options: ChatRenderOptions = {}): string {
    try {
      return this.template.render({ ...options.variables, ...this.specialTokens, messages, add_generation_prompt: options.addGenerationPrompt ?? false });
    } catch (e) {
      // raise_exception() in a template reports a conversation the model cannot take (roles out of order).
      throw new InputError(`chat template: ${(e as Error).message}`);
    }
  }
}

/**
 * The template a tokenizer_config.json names: a string, or (older multi-template configs) a list of {name, template}
 * of which "default" is the chat one.
 */
export function chatTemplateSource(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const named = value.find((t) => (t as { name?: unknown })?.name === 'default') as { template?: unknown } | undefined;
    if (typeof named?.template === 'string') return named.template;
    throw new InputError(`${where}: chat_template is a list without a {"name": "default", "template": ...} entry`);
  }
  throw new InputError(`${where}: chat_template must be a string or a list of {name, template}, got ${typeof value}`);
}
