/** Ids per statement: far under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const IDS_PER_STATEMENT = 500;

/**
 * Runs a read once per slice of the distinct ids and concatenates the rows, so an `in (…)`
 * list never outgrows the drivers' parameter limits however many people are asked about.
 * Each distinct id lands in exactly one slice, so rows of one id keep the order the read gives them.
 */
export async function selectInChunks<I, T>(ids: readonly I[], load: (part: I[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_STATEMENT) out.push(...(await load(unique.slice(i, i + IDS_PER_STATEMENT))));
  return out;
}
