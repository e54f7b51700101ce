/**
 * Items grouped by a key, each group in input order and the groups in order of first
 * appearance. Node 20 has no Map.groupBy (it came in Node 21), and a dozen modules had
 * written this loop by hand. `project` keeps a projection instead of the item.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]>;
export function groupBy<T, K, V>(
  items: Iterable<T>,
  keyOf: (item: T, index: number) => K,
  project: (item: T, index: number) => V,
): Map<K, V[]>;
export function groupBy<T, K, V>(
  items: Iterable<T>,
  keyOf: (item: T, index: number) => K,
  project?: (item: T, index: number) => V,
): Map<K, (T | V)[]> {
  const groups = new Map<K, (T | V)[]>();
  let index = 0;
  for (const item of items) {
    const key = keyOf(item, index);
    const value = project ? project(item, index) : item;
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
    index++;
  }
  return groups;
}
