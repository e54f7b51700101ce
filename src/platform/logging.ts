import type { FastifyServerOptions } from 'fastify';

/** Pino options: secrets, cookies, tokens and passwords never reach a log line. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.totpSecret',
        '*.token',
        '*.DATABASE_URL',
        '*.DEMO_PASSWORD',
      ],
      censor: '[redacted]',
    },
  };
}
