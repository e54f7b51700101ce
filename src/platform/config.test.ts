import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configTable, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('gives safe development defaults: SQLite in ./data, port 3000, loopback only', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.dialect).toBe('sqlite');
    expect(c.sqlitePath.endsWith('/data/cadre.db')).toBe(true);
    expect(c.COOKIE_SECURE).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h/db' }).dialect).toBe('postgres');
  });

  it('reports every bad value at once, not only the first', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEMO_PASSWORD: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'DEMO_PASSWORD']) expect(problems).toContain(key);
    }
  });

  it('never puts a secret value into its error message', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://user:s3cret@host/db' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
  });

  it('documents every variable in the README configuration table', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const row of configTable()) {
      expect(row.description.length).toBeGreaterThan(10);
      expect(readme).toContain(`| \`${row.name}\` |`);
    }
  });
});
