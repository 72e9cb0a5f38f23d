import type { Command } from 'commander';
import { z } from 'zod';
import { runConfigReferenceSchema } from '../../training/runConfig';
import { printResult } from '../output';

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
};

export interface ConfigKey {
  /** Dotted path; `[]` stands for every element of an array. */
  key: string;
  type: string;
  /** Must be given whenever its parent object is (a union's alternatives are never required on their own). */
  required: boolean;
  default?: unknown;
  description: string;
}

/**
 * Every key of a zod object schema, nested ones included, with its type, default and description: read from the
 * schema's JSON Schema (input side, so defaults show and defaulted keys are optional), so the reference cannot drift
 * from what the validator accepts. A union of objects lists each alternative's keys.
 */
export function configReference(schema: z.ZodType = runConfigReferenceSchema()): ConfigKey[] {
  const keys: ConfigKey[] = [];
  const walk = (node: JsonSchema, path: string, required: boolean) => {
    if (path) keys.push({ key: path, type: typeText(node), required: required && node.default === undefined, ...(node.default !== undefined ? { default: node.default } : {}), description: node.description ?? '' });
    for (const alternative of node.anyOf ?? []) if (alternative.properties) walkProperties(alternative, path, false);
    if (node.properties) walkProperties(node, path, true);
    if (node.items?.properties) walkProperties(node.items, `${path}[]`, true);
  };
  const walkProperties = (node: JsonSchema, path: string, required: boolean) => {
    for (const [name, child] of Object.entries(node.properties!)) walk(child, path ? `${path}.${name}` : name, required && (node.required ?? []).includes(name));
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', true);
  return keys;
}

const SAFE_INT = Number.MAX_SAFE_INTEGER;

function typeText(node: JsonSchema): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.anyOf) return node.anyOf.map(typeText).join(' | ');
  if (node.type === 'object') {
    if (node.properties) return `{${Object.keys(node.properties).join(', ')}}`;
    return 'map';
  }
  if (node.type === 'array') return `array of ${node.items ? typeText(node.items) : 'any'}${node.minItems ? ` (at least ${node.minItems})` : ''}`;
  const bounds: string[] = [];
  if (node.exclusiveMinimum !== undefined) bounds.push(node.type === 'integer' ? `>= ${node.exclusiveMinimum + 1}` : `> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined && node.minimum > -SAFE_INT) bounds.push(`>= ${node.minimum}`);
  if (node.exclusiveMaximum !== undefined) bounds.push(`< ${node.exclusiveMaximum}`);
  if (node.maximum !== undefined && node.maximum < SAFE_INT) bounds.push(`<= ${node.maximum}`);
  if (node.minLength) bounds.push(`length >= ${node.minLength}`);
  return [node.type ?? 'any', ...bounds].join(' ');
}

function referenceText(keys: ConfigKey[]): string {
  const defaultText = (k: ConfigKey) => (k.required ? '(required)' : k.default === undefined ? '(optional)' : JSON.stringify(k.default));
  const width = (f: (k: ConfigKey) => string, cap: number) => Math.min(cap, Math.max(...keys.map((k) => f(k).length)));
  const [kw, tw, dw] = [width((k) => k.key, 32), width((k) => k.type, 34), width(defaultText, 24)];
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(kw)}  ${b.padEnd(tw)}  ${c.padEnd(dw)}  ${d}`.trimEnd();
  return [line('key', 'type', 'default', 'description'), ...keys.map((k) => line(k.key, k.type, defaultText(k), k.description))].join('\n');
}

export function registerConfig(program: Command): void {
  const config = program.command('config').description('the training-run config: reference of every key');
  config
    .command('reference')
    .description('print every run-config key (nested keys dotted) with its type, default and meaning, from the schema')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl config reference --json')
    .action((options: { json?: boolean }) => {
      const keys = configReference();
      printResult(!!options.json, { keys }, () => referenceText(keys));
    });
}
