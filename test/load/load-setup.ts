import { Client, signIn } from './load-http.ts';
import {
  type Dialect,
  FULL_PROFILE,
  loadProvince,
  PASSWORD,
  type ProvinceFacts,
  type SeedProfile,
  SMALL_PROFILE,
} from './load-province.ts';
import { type LoadServer, startLoadServer } from './load-server.ts';
import type { WorkloadContext } from './workload.ts';

/** Everything a run needs: the province copy, its server, a client and the workload's context. */
export type Rig = {
  dialect: Dialect;
  server: LoadServer;
  client: Client;
  ctx: WorkloadContext;
  fromCache: boolean;
  close: () => Promise<void>;
};

export function profileFromEnv(fallback: SeedProfile): SeedProfile {
  const name = process.env.LOAD_PROFILE;
  if (name === 'full') return FULL_PROFILE;
  if (name === 'small') return SMALL_PROFILE;
  if (name) throw new Error(`LOAD_PROFILE must be full or small, not ${name}`);
  return fallback;
}

/** PostgreSQL runs when TEST_DATABASE_URL points at a loopback server. */
export function pgAdminUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
    throw new Error(`TEST_DATABASE_URL must be on loopback, not ${host}`);
  return url;
}

/** A deterministic generator (mulberry32), so two runs draw the same mix. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The specialist's self-assessment: the sheet's own competencies at level 3, so it is always valid. */
async function reviewBody(client: Client, facts: ProvinceFacts): Promise<string | null> {
  if (!facts.review) return null;
  const { campaignId, participantId } = facts.review;
  const sheet = await client.send({
    method: 'GET',
    path: `/api/v1/review-campaigns/${campaignId}/participants/${participantId}/assessment`,
    headers: { authorization: `Bearer ${facts.tokens.specialist}`, 'x-forwarded-for': '10.9.0.1' },
  });
  if (sheet.kind !== 'reply' || sheet.reply.status !== 200)
    throw new Error(`the specialist's sheet did not load: ${JSON.stringify(sheet).slice(0, 300)}`);
  const lines = (JSON.parse(sheet.reply.body) as { competencies: { competencyCode: string }[] }).competencies;
  if (lines.length === 0) return null;
  return JSON.stringify({
    levels: lines.map((l) => ({ competencyCode: l.competencyCode, level: 3, evidence: 'Bài thử tải: tự đánh giá' })),
  });
}

export async function rig(dialect: Dialect, profile: SeedProfile, timeoutMs: number): Promise<Rig> {
  const province = await loadProvince(dialect, profile, { pgAdminUrl: pgAdminUrl() });
  let server: LoadServer | undefined;
  try {
    server = await startLoadServer(province.env);
    const client = new Client(server.base, timeoutMs);
    const sessions = {
      counter: await signIn(client, 'counter', PASSWORD, '10.9.0.2'),
      specialist: await signIn(client, 'specialist', PASSWORD, '10.9.0.3'),
      leader: await signIn(client, 'leader', PASSWORD, '10.9.0.4'),
    };
    // The domain's calendar is Asia/Ho_Chi_Minh; the current local month is what people look at.
    const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .split('-')
      .map(Number);
    const ctx: WorkloadContext = {
      facts: province.facts,
      sessions,
      reviewBody: await reviewBody(client, province.facts),
      random: seededRandom(8),
      year: year as number,
      month: month as number,
    };
    const s = server;
    return {
      dialect,
      server: s,
      client,
      ctx,
      fromCache: province.fromCache,
      close: async () => {
        client.close();
        await s.stop();
        await province.cleanup();
      },
    };
  } catch (e) {
    await server?.stop();
    await province.cleanup();
    throw e;
  }
}
