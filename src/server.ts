import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadOrCreateSecrets } from './platform/auth/secrets.ts';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/connect.ts';
import { startPlannerStatisticsUpkeep } from './platform/db/planner-statistics.ts';

/**
 * Listens and installs graceful shutdown: on SIGTERM/SIGINT the server stops accepting,
 * drains in-flight requests (new ones get 503), then closes the database cleanly.
 */
export async function serve(config: Config, database: DatabaseHandle): Promise<FastifyInstance> {
  const app = await buildApp({ config, database, secrets: loadOrCreateSecrets(config.dataDir) });
  // Before the first request: a restored database has no planner statistics (planner-statistics.ts).
  const statistics = startPlannerStatisticsUpkeep(database.db, database.dialect, app.log);
  await statistics.first;
  await app.listen({ port: config.PORT, host: config.HOST });
  // Background jobs run in this process once it serves; app.close() stops them (a running job is handed back).
  app.jobs.start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      statistics.stop();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
