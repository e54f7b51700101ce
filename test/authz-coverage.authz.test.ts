/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthzCase, describeAuthzMatrix } from './support/authz.ts';
import { testDialects } from './support/databases.ts';
import { buildTestApp, type TestApp } from './support/fixture.ts';

/** Every `*.authz-cases.ts` file in the code base contributes rows to the matrix. */
const modules = import.meta.glob<Record<string, AuthzCase[]>>('../src/**/*.authz-cases.ts', { eager: true });
const allCases: { file: string; cases: AuthzCase[] }[] = Object.entries(modules).map(([file, exports]) => ({
  file,
  cases: Object.values(exports).flat(),
}));

describe.each(testDialects())('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('covers every route the app registers', () => {
    const covered = new Set(allCases.flatMap((m) => m.cases.map((c) => c.route)));
    const missing = t.app.routeList.filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  for (const m of allCases) describeAuthzMatrix(m.file.replace('../src/', ''), () => t, m.cases);
});
