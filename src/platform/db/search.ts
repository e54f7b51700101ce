import { type RawBuilder, sql } from 'kysely';
import { escapeLike, searchKey } from '../text/search-key.ts';

/**
 * Every word of the query must START a word of the folded column, in any order:
 * "manh nguyen" finds "Nguyễn Văn Mạnh", and "phu xuan" finds "Phường Phú Xuân" but not
 * "Phường Thủy Xuân" (a plain substring match would, since "phu" is inside "phuong").
 * The column holds searchKey() output: lower case, no diacritics, single spaces.
 * ESCAPE is explicit because SQLite has no default escape character for LIKE.
 */
export function everyWordStartsAWord(column: string, query: string): RawBuilder<boolean>[] {
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .map((w) => {
      const e = escapeLike(w);
      return sql<boolean>`(${sql.ref(column)} like ${`${e}%`} escape '\\' or ${sql.ref(column)} like ${`% ${e}%`} escape '\\')`;
    });
}
