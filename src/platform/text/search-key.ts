/**
 * Folds Vietnamese text for diacritics-insensitive search: "Nguyễn Văn Mạnh" and
 * "nguyen van manh" give the same key. Computed in TypeScript and stored in a column,
 * because SQLite's LIKE folds case only for ASCII letters (house rule 10).
 * đ/Đ are separate letters, not a base letter plus a combining mark, so NFD leaves them.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards in already-folded user input; repositories use ESCAPE '\\'. */
export function escapeLike(folded: string): string {
  return folded.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes LIKE wildcards in user input; repositories use ESCAPE '\\'. */
export function likeContains(query: string): string {
  return `%${escapeLike(searchKey(query))}%`;
}
