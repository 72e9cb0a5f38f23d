/**
 * ContextRL contrastive pairs: the gold context of a question and a near-identical one in which exactly one walk
 * fact points elsewhere (same relation, another object of the same type), so that only the first supports the
 * answer. Which one is labelled A is drawn from the seed.
 */
import { Rng } from '../core/rng';
import { FactEdit, renderDocument } from './corpus';
import { entityOf, Fact, KnowledgeGraph, objectsOf } from './knowledgeGraph';
import { answerOf, followChain, Walk, walkEntities } from './randomWalks';
import { ContextDocument } from './tieredDistractors';

export interface ChangedFact extends FactEdit {
  /** Index of the changed hop in the walk. */
  hop: number;
}

export interface ContrastivePair {
  contexts: { A: ContextDocument[]; B: ContextDocument[] };
  /** The label of the context that supports the answer. */
  supporting: 'A' | 'B';
  changed_fact: ChangedFact;
}

/** Replacement objects tried per hop before moving to another hop. */
const REPLACEMENT_TRIES = 20;

/** Which hop a pair changes: earlier hops first (the last only where none can be), or any hop evenly. */
export type ChangeHop = 'earlierFirst' | 'uniform';

export function buildContrastivePair(graph: KnowledgeGraph, walk: Walk, language: string, rng: Rng, changeHop: ChangeHop = 'earlierFirst'): ContrastivePair {
  const change = chooseChange(graph, walk, rng, changeHop);
  const order = rng.shuffle(walkEntities(walk));
  const render = (edit?: FactEdit) =>
    order.map((id): ContextDocument => ({ ...renderDocument(graph, id, language, edit), tier: 'gold' }));
  const supporting = rng.int(2) === 0 ? 'A' : 'B';
  const gold = render();
  const changed = render(change);
  return {
    contexts: supporting === 'A' ? { A: gold, B: changed } : { A: changed, B: gold },
    supporting,
    changed_fact: change,
  };
}

/**
 * A hop and a new object for it such that the changed chain no longer reaches the answer. The last hop always
 * qualifies (its new object is not the answer), so with earlierFirst the earlier hops are tried first in seeded
 * order and the last one last; with uniform every hop is tried in seeded order.
 */
function chooseChange(graph: KnowledgeGraph, walk: Walk, rng: Rng, changeHop: ChangeHop): ChangedFact {
  const answer = answerOf(walk);
  const onWalk = new Set(walkEntities(walk));
  const lastHop = walk.hops.length - 1;
  const hopOrder = changeHop === 'uniform' ? rng.shuffle([...Array(lastHop + 1).keys()]) : [...rng.shuffle([...Array(lastHop).keys()]), lastHop];
  for (const hop of hopOrder) {
    const from = walk.hops[hop];
    const current = new Set(objectsOf(graph, from.subject, from.relation));
    const candidates = entitiesOfType(graph, entityOf(graph, from.object).type).filter(
      (id) => !current.has(id) && !onWalk.has(id),
    );
    if (candidates.length === 0) continue;
    const laterRelations = walk.hops.slice(hop + 1).map((fact) => fact.relation);
    for (let attempt = 0; attempt < REPLACEMENT_TRIES; attempt++) {
      const object = rng.pick(candidates);
      if (!followChain(graph, object, laterRelations).includes(answer)) {
        const to: Fact = { subject: from.subject, relation: from.relation, object };
        return { hop, from, to };
      }
    }
  }
  throw new Error(`${graph.name} graph: no entity can replace any fact of the walk from ${walk.start}`);
}

const typeCache = new WeakMap<KnowledgeGraph, Map<string, string[]>>();

function entitiesOfType(graph: KnowledgeGraph, type: string): string[] {
  let byType = typeCache.get(graph);
  if (!byType) {
    byType = new Map();
    for (const entity of graph.entities.values()) {
      const list = byType.get(entity.type);
      if (list) list.push(entity.id);
      else byType.set(entity.type, [entity.id]);
    }
    typeCache.set(graph, byType);
  }
  return byType.get(type) ?? [];
}
