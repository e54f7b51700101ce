export interface PreparedStatementLru<S> {
  /** The statement for this SQL, prepared once and kept until `max` newer ones push it out. */
  prepare(sql: string): S;
  readonly size: number;
  clear(): void;
}

export function preparedStatementLru<S>(db: { prepare(sql: string): S }, max: number): PreparedStatementLru<S>;
