export interface PreparedStatementLru<S> {
  /** The statement for this SQL, prepared once and kept until newer ones push it out (or never kept when too long). */
  prepare(sql: string): S;
  readonly size: number;
  /** Characters of SQL text held. */
  readonly chars: number;
  clear(): void;
}

/** At most `max` statements and `maxChars` characters of SQL (default 200,000); a text over a tenth of that is never kept. */
export function preparedStatementLru<S>(db: { prepare(sql: string): S }, max: number, maxChars?: number): PreparedStatementLru<S>;
