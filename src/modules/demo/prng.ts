/**
 * A small seeded pseudo-random generator for the demo data. The demo must be the same on
 * every machine for a given seed (so screenshots, docs and bug reports agree), which rules
 * out Math.random. mulberry32 is a 32-bit generator with a 2^32 period: plenty for a few
 * hundred thousand draws, and not meant for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed with a label (FNV-1a over the label, then a murmur3 finaliser), so each
 * unit draws from its own stream: the first 40 units come out the same whether the demo
 * has 40 units or 400.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export type Rng = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both ends included. */
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** Picks by relative weight: [[value, weight], …]. */
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** n digits, leading zeros kept. */
  digits: (n: number) => string;
  /** A calendar date 'YYYY-MM-DD' between two dates, both included. */
  dateBetween: (from: string, to: string) => string;
};

const DAY_MS = 86_400_000;

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      const last = items.at(-1);
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    digits: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
      return s;
    },
    dateBetween: (from, to) => {
      const a = Date.parse(`${from}T00:00:00Z`);
      const b = Date.parse(`${to}T00:00:00Z`);
      const days = Math.round((b - a) / DAY_MS);
      return new Date(a + int(0, Math.max(0, days)) * DAY_MS).toISOString().slice(0, 10);
    },
  };
}
