import type { OperatorService, WorkflowService } from '@temporalio/client';
import { TypedSearchAttributes, type SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { InputError } from '../core/errors';
import { drlSearchAttributes, type SearchAttributeKey } from '../workflows/searchAttributes';
import type { TemporalTarget } from './temporalConnection';

const { IndexedValueType } = temporal.api.enums.v1;

/** The services both a client `Connection` and a worker's `NativeConnection` offer. */
export interface TemporalServices {
  operatorService: OperatorService;
  workflowService: WorkflowService;
}

/** An attribute with its type as Temporal's tools spell it (Keyword, Int, Double), so messages can be pasted into them. */
export interface NamedAttribute {
  name: string;
  type: string;
}

export interface SearchAttributeCheck {
  namespace: string;
  /** `visibility` where the server refuses the operator service (Temporal Cloud): types are then not compared. */
  via: 'operator' | 'visibility';
  present: NamedAttribute[];
  missing: NamedAttribute[];
  mismatched: { name: string; expected: string; found: string }[];
}

/** How a namespace's search attributes compare with the ones drl needs (`drlSearchAttributes`). */
export async function checkSearchAttributes(services: TemporalServices, namespace: string): Promise<SearchAttributeCheck> {
  let registered: Record<string, temporal.api.enums.v1.IndexedValueType>;
  try {
    registered = (await services.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (err) {
    if (!refused(err)) throw err;
    return probeSearchAttributes(services.workflowService, namespace);
  }
  const check: SearchAttributeCheck = { namespace, via: 'operator', present: [], missing: [], mismatched: [] };
  for (const key of drlSearchAttributes) {
    const expected = typeName(key.type);
    const found = registered[key.name];
    if (found === undefined) check.missing.push({ name: key.name, type: expected });
    else if (found !== indexedValueType(key.type)) check.mismatched.push({ name: key.name, expected, found: indexedTypeName(found) });
    else check.present.push({ name: key.name, type: expected });
  }
  return check;
}

/**
 * The check through visibility queries, for a server that refuses the operator service to this caller (Temporal Cloud
 * with a namespace API key or certificate): a query naming an unknown attribute is rejected. Servers accept some queries
 * with a value of another type (an Int literal for a Keyword attribute), so a type conflict can pass for present here.
 */
export async function probeSearchAttributes(workflowService: WorkflowService, namespace: string): Promise<SearchAttributeCheck> {
  const check: SearchAttributeCheck = { namespace, via: 'visibility', present: [], missing: [], mismatched: [] };
  for (const key of drlSearchAttributes) {
    const attribute = { name: key.name, type: typeName(key.type) };
    try {
      await workflowService.countWorkflowExecutions({ namespace, query: `${key.name} = ${probeValue[key.type]}` });
      check.present.push(attribute);
    } catch (err) {
      if (grpcCode(err) !== grpcStatus.invalidArgument) throw err;
      check.missing.push(attribute);
    }
  }
  return check;
}

/**
 * Refuses to start a worker on a namespace that lacks drl's search attributes: its workflows would fail at their first
 * upsert instead. Throws an InputError (exit 2) that names them and says to run `drl setup`.
 */
export async function requireSearchAttributes(services: TemporalServices, target: Pick<TemporalTarget, 'address' | 'namespace'>): Promise<void> {
  const check = await checkTarget(services, target);
  if (check.missing.length === 0 && check.mismatched.length === 0) return;
  const where = `namespace "${target.namespace}" on ${target.address}`;
  const problems: string[] = [];
  if (check.missing.length > 0) {
    problems.push(
      `${where} lacks the search attributes drl's workflows set: ${check.missing.map(describeAttribute).join(', ')}; ` +
        'run `drl setup` (with the same TEMPORAL_* environment) to register them',
    );
  }
  for (const m of check.mismatched) problems.push(mismatchMessage(m, target.namespace));
  throw new InputError(`worker not started: ${problems.join('; ')}`);
}

export interface SearchAttributeSetup extends SearchAttributeCheck {
  address: string;
  /** Registered by this call. */
  added: NamedAttribute[];
  /** Why the missing ones were not added (check only, Temporal Cloud, or the server refused). */
  notAdded?: string;
}

/**
 * Registers drl's missing search attributes on the target's namespace through the operator service and waits until the
 * server lists them. Adds nothing when an attribute has another type, which only a person can resolve. With `checkOnly`,
 * on Temporal Cloud (where attributes are added in the Cloud UI or with tcld), or where the server refuses, it only checks.
 */
export async function setUpSearchAttributes(
  services: TemporalServices,
  target: Pick<TemporalTarget, 'address' | 'namespace'>,
  options: { checkOnly?: boolean; waitMs?: number } = {},
): Promise<SearchAttributeSetup> {
  const namespace = target.namespace;
  const before = await checkTarget(services, target);
  const result: SearchAttributeSetup = { ...before, address: target.address, added: [] };
  if (before.missing.length === 0) return result;
  if (before.mismatched.length > 0) return { ...result, notAdded: 'nothing is added while an attribute has another type' };
  if (options.checkOnly) return { ...result, notAdded: '--check: nothing is added' };
  if (isTemporalCloud(target.address)) {
    return { ...result, notAdded: `Temporal Cloud: add them in the Cloud UI or with \`${tcldCommand(namespace, before.missing)}\`` };
  }
  if (before.via === 'visibility') return { ...result, notAdded: refusedAdvice(namespace, before.missing) };
  try {
    await services.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(before.missing.map((a) => [a.name, indexedValueType(keyNamed(a.name).type)])),
    });
  } catch (err) {
    // Another `drl setup` may have added them since the check; the re-check below tells.
    if (grpcCode(err) !== grpcStatus.alreadyExists) {
      if (!refused(err)) throw err;
      return { ...result, notAdded: refusedAdvice(namespace, before.missing) };
    }
  }
  const after = await waitForListing(services, namespace, options.waitMs ?? 30_000);
  const wasMissing = new Set(before.missing.map((a) => a.name));
  return { ...after, address: target.address, added: after.present.filter((a) => wasMissing.has(a.name)) };
}

/** The message for an attribute registered with another type than drl's: `drl setup` cannot change a registered type. */
export function mismatchMessage(m: { name: string; expected: string; found: string }, namespace: string): string {
  return (
    `search attribute ${m.name} is registered as ${m.found} in namespace "${namespace}", but drl needs ${m.expected}; ` +
    `remove it (\`temporal operator search-attribute remove --namespace ${namespace} --name ${m.name}\`) or use another namespace, then run \`drl setup\``
  );
}

function refusedAdvice(namespace: string, missing: NamedAttribute[]): string {
  const create = `temporal operator search-attribute create --namespace ${namespace} ${missing.map((a) => `--name ${a.name} --type ${a.type}`).join(' ')}`;
  return `the server does not let this caller add search attributes; someone with operator rights can: \`${create}\``;
}

export function tcldCommand(namespace: string, attributes: NamedAttribute[]): string {
  return `tcld namespace search-attributes add -n ${namespace} ${attributes.map((a) => `--sa "${a.name}=${a.type}"`).join(' ')}`;
}

/** Temporal Cloud endpoints: `<namespace>.<account>.tmprl.cloud` (mTLS) and `<region>.<cloud>.api.temporal.io` (API keys). */
export function isTemporalCloud(address: string): boolean {
  const host = address.replace(/:\d+$/, '').toLowerCase();
  return host.endsWith('.tmprl.cloud') || host.endsWith('.api.temporal.io');
}

export function describeAttribute(attribute: NamedAttribute): string {
  return `${attribute.name} (${attribute.type})`;
}

async function checkTarget(services: TemporalServices, target: Pick<TemporalTarget, 'address' | 'namespace'>): Promise<SearchAttributeCheck> {
  try {
    return await checkSearchAttributes(services, target.namespace);
  } catch (err) {
    if (grpcCode(err) !== grpcStatus.notFound) throw err;
    throw new InputError(
      `namespace "${target.namespace}" does not exist on ${target.address}: set TEMPORAL_NAMESPACE to one that does, ` +
        `or create it (\`temporal operator namespace create --namespace ${target.namespace}\`)`,
    );
  }
}

// A server applies added attributes through its namespace cache, so a listing right after the add can lag behind it.
async function waitForListing(services: TemporalServices, namespace: string, waitMs: number): Promise<SearchAttributeCheck> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const check = await checkSearchAttributes(services, namespace);
    if (check.missing.length === 0 || Date.now() > deadline) return check;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const grpcStatus = { invalidArgument: 3, notFound: 5, alreadyExists: 6, permissionDenied: 7, unimplemented: 12 } as const;

function grpcCode(err: unknown): number | undefined {
  return (err as { code?: unknown })?.code as number | undefined;
}

/** The server does not let this caller use the operator service (Temporal Cloud, or an authorizer that denies it). */
function refused(err: unknown): boolean {
  const code = grpcCode(err);
  return code === grpcStatus.permissionDenied || code === grpcStatus.unimplemented;
}

/** Temporal's own spelling of a type: Keyword, Int, Double, KeywordList. */
function typeName(type: SearchAttributeType): string {
  return TypedSearchAttributes.toMetadataType(type);
}

function indexedValueType(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  return IndexedValueType[`INDEXED_VALUE_TYPE_${type}`];
}

function keyNamed(name: string): SearchAttributeKey {
  return drlSearchAttributes.find((k) => k.name === name)!;
}

function indexedTypeName(value: temporal.api.enums.v1.IndexedValueType): string {
  const type = IndexedValueType[value]?.replace('INDEXED_VALUE_TYPE_', '') as SearchAttributeType | undefined;
  return type ? typeName(type) : `unknown type ${value}`;
}

/** A literal of each type for the visibility probe; the query's answer does not matter, only whether it is accepted. */
const probeValue: Record<SearchAttributeType, string> = {
  TEXT: "'drl'",
  KEYWORD: "'drl'",
  KEYWORD_LIST: "'drl'",
  INT: '0',
  DOUBLE: '0',
  BOOL: 'true',
  DATETIME: "'2000-01-01T00:00:00Z'",
};
