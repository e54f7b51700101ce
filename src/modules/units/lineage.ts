/**
 * Merger lineage as a graph: an edge says a pre-merger unit (predecessor) flowed into a
 * unit created by a resolution (successor). Hue's 133 units became 40 on 1 July 2025;
 * most former units flowed whole into one new unit, but some were split between two or
 * more, so a unit can have several successors as well as several predecessors.
 */
export type LineageEdge = { predecessorId: number; successorId: number };

function index(edges: readonly LineageEdge[], from: 'predecessorId' | 'successorId'): Map<number, number[]> {
  const to = from === 'predecessorId' ? 'successorId' : 'predecessorId';
  const map = new Map<number, number[]>();
  for (const e of edges) {
    const list = map.get(e[from]);
    if (list) list.push(e[to]);
    else map.set(e[from], [e[to]]);
  }
  return map;
}

/** Walks the graph from `start`; a visited set makes a (corrupt) cycle harmless. */
function walk(next: Map<number, number[]>, start: number): { reached: number[]; ends: number[] } {
  const seen = new Set<number>([start]);
  const reached: number[] = [];
  const ends: number[] = [];
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const out = next.get(id) ?? [];
    if (out.length === 0) ends.push(id);
    for (const n of out) {
      if (seen.has(n)) continue;
      seen.add(n);
      reached.push(n);
      stack.push(n);
    }
  }
  return { reached: reached.sort((a, b) => a - b), ends: ends.sort((a, b) => a - b) };
}

/**
 * The current units a unit's records now belong to: follow successor links until a unit
 * has none. A current unit maps to itself; a former unit that was split maps to several.
 */
export function currentUnitsOf(edges: readonly LineageEdge[], unitId: number): number[] {
  return walk(index(edges, 'predecessorId'), unitId).ends;
}

/** Every unit that flowed, directly or through earlier mergers, into `unitId`. */
export function ancestorsOf(edges: readonly LineageEdge[], unitId: number): number[] {
  return walk(index(edges, 'successorId'), unitId).reached;
}

/** Every unit that `unitId` flowed into, directly or through later mergers. */
export function descendantsOf(edges: readonly LineageEdge[], unitId: number): number[] {
  return walk(index(edges, 'predecessorId'), unitId).reached;
}

/**
 * The history around one unit: every merger that produced it or an ancestor, and every
 * merger it went into later, with the other units that merged alongside it.
 */
export function lineageEdgesOf<E extends LineageEdge>(edges: readonly E[], unitId: number): E[] {
  const related = new Set([unitId, ...ancestorsOf(edges, unitId), ...descendantsOf(edges, unitId)]);
  return edges.filter((e) => related.has(e.successorId));
}
