import type { FoundForm } from './crawl.ts';
import type { WebClient } from './web-client.ts';

/** What one check hands to a later one in the same run: the forms each role's walk found. */
export const walked = new Map<string, { client: WebClient; forms: FoundForm[] }>();
