/**
 * Seeded random walks whose relation chain has exactly one end: the walk's question has one correct answer.
 * Each step follows a relation the current entity has exactly one object for, never revisiting an entity; the
 * finished chain is then followed from the start through the whole graph as the uniqueness check.
 */
import { InputError } from '../core/errors';
import { Rng } from '../core/rng';
import { Fact, factsFrom, KnowledgeGraph, objectsOf } from './knowledgeGraph';

export interface Walk {
  start: string;
  /** hops[i].subject is the entity reached after i hops; the last hop's object is the answer. */
  hops: Fact[];
}

export interface HopRange {
  min: number;
  max: number;
}

export const MAX_HOPS = 8;

/** Attempts and acceptances per hop count (keys are hop counts), and rejections per reason. */
export interface WalkYield {
  attempted: Record<string, number>;
  accepted: Record<string, number>;
  rejected: Record<string, number>;
}

/** Returns a reason to reject the walk (counted in the yield), or undefined to accept it. */
export type WalkFilter = (walk: Walk) => string | undefined;

export function emptyYield(): WalkYield {
  return { attempted: {}, accepted: {}, rejected: {} };
}

export function mergeYields(into: WalkYield, from: WalkYield): WalkYield {
  for (const key of ['attempted', 'accepted', 'rejected'] as const) {
    for (const [k, n] of Object.entries(from[key])) into[key][k] = (into[key][k] ?? 0) + n;
  }
  return into;
}

export function walkEntities(walk: Walk): string[] {
  return [walk.start, ...walk.hops.map((hop) => hop.object)];
}

export function answerOf(walk: Walk): string {
  return walk.hops[walk.hops.length - 1].object;
}

/** Every entity reached from `start` by following `relations` in order, through all objects at each step. */
export function followChain(graph: KnowledgeGraph, start: string, relations: readonly string[]): string[] {
  let frontier = new Set([start]);
  for (const relation of relations) {
    const next = new Set<string>();
    for (const entity of frontier) for (const object of objectsOf(graph, entity, relation)) next.add(object);
    frontier = next;
  }
  return [...frontier].sort();
}

/** One walk attempt with `hopCount` hops; undefined (and a counted rejection) when it fails. */
export function tryWalk(
  graph: KnowledgeGraph,
  rng: Rng,
  hopCount: number,
  stats: WalkYield,
  filter?: WalkFilter,
): Walk | undefined {
  const reject = (reason: string) => {
    stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
    return undefined;
  };
  stats.attempted[hopCount] = (stats.attempted[hopCount] ?? 0) + 1;
  const start = rng.pick(startCandidates(graph));
  const visited = new Set([start]);
  const hops: Fact[] = [];
  let current = start;
  while (hops.length < hopCount) {
    const steps = factsFrom(graph, current).filter(
      (fact) => !visited.has(fact.object) && objectsOf(graph, current, fact.relation).length === 1,
    );
    if (steps.length === 0) return reject('dead_end');
    const step = rng.pick(steps);
    hops.push(step);
    visited.add(step.object);
    current = step.object;
  }
  const walk = { start, hops };
  const ends = followChain(graph, start, hops.map((hop) => hop.relation));
  if (ends.length !== 1 || ends[0] !== current) return reject('ambiguous_answer');
  const filterReason = filter?.(walk);
  if (filterReason) return reject(filterReason);
  stats.accepted[hopCount] = (stats.accepted[hopCount] ?? 0) + 1;
  return walk;
}

/** Draws attempts (hop count uniform in the range each time) until one is accepted. */
export function sampleWalk(
  graph: KnowledgeGraph,
  rng: Rng,
  hops: HopRange,
  stats: WalkYield,
  options: { maxAttempts?: number; filter?: WalkFilter } = {},
): Walk {
  const maxAttempts = options.maxAttempts ?? 2000;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const hopCount = hops.min + rng.int(hops.max - hops.min + 1);
    const walk = tryWalk(graph, rng, hopCount, stats, options.filter);
    if (walk) return walk;
  }
  throw new InputError(
    `no walk of ${hops.min}..${hops.max} hops with a unique answer was found in the ${graph.name} graph after ` +
      `${maxAttempts} attempts (rejections: ${JSON.stringify(stats.rejected)}); lower hops.min or raise contextChars`,
  );
}

/** `count` walks from one seed, with their yield statistics. */
export function sampleWalks(
  graph: KnowledgeGraph,
  options: { seed: number | string; count: number; hops: HopRange; maxAttempts?: number },
): { walks: Walk[]; yield: WalkYield } {
  const stats = emptyYield();
  const walks: Walk[] = [];
  for (let i = 0; i < options.count; i++) {
    walks.push(sampleWalk(graph, Rng.derive(options.seed, 'walk', i), options.hops, stats, options));
  }
  return { walks, yield: stats };
}

const startCache = new WeakMap<KnowledgeGraph, string[]>();

/**
 * Entities a question may start from: an English name no other entity has (the question names the start, so
 * a shared name like "bank" would make it ambiguous) and at least one fact.
 */
export function startCandidates(graph: KnowledgeGraph): string[] {
  let candidates = startCache.get(graph);
  if (!candidates) {
    const nameCounts = new Map<string, number>();
    for (const entity of graph.entities.values()) {
      const key = entity.names.en.toLowerCase();
      nameCounts.set(key, (nameCounts.get(key) ?? 0) + 1);
    }
    candidates = [...graph.entities.values()]
      .filter((entity) => nameCounts.get(entity.names.en.toLowerCase()) === 1 && factsFrom(graph, entity.id).length > 0)
      .map((entity) => entity.id);
    startCache.set(graph, candidates);
  }
  return candidates;
}
