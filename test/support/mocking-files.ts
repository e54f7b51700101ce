/**
 * Test files that replace a module with vi.mock. The unit, repository and HTTP projects share
 * each worker's module graph (ADR 0017), where a replacement would leak into the files after it;
 * these files run in the isolated project `http-isolated` instead. A guard test
 * (src/platform/test-isolation.test.ts) fails when a file mocks without being listed.
 */
export const MOCKING_FILES = ['src/modules/staffing/projection/projection.http.test.ts'];
