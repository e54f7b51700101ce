import { describe, expect, it } from 'vitest';
import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, idempotencyCutoff, requestHash } from './idempotency.ts';

describe('idempotency hashing', () => {
  it('hashes the same body the same whatever the key order', () => {
    const a = requestHash('POST', '/api/v1/dossiers', { a: 1, b: { c: [1, 2], d: 'x' } });
    const b = requestHash('post', '/api/v1/dossiers', { b: { d: 'x', c: [1, 2] }, a: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells different bodies and different endpoints apart', () => {
    const base = requestHash('POST', '/api/v1/dossiers', { a: 1 });
    expect(requestHash('POST', '/api/v1/dossiers', { a: 2 })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/public/dossiers', { a: 1 })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/dossiers', { a: [1, 2] })).not.toBe(requestHash('POST', '/api/v1/dossiers', { a: [2, 1] }));
  });

  it('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: null, d: 'é' })).toBe('{"b":1,"c":null,"d":"é"}');
  });

  it('accepts printable ASCII keys up to 200 characters only', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('a b')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(201))).toBe(false);
  });

  it('forgets keys after 24 hours', () => {
    expect(idempotencyCutoff(new Date('2026-03-02T03:00:00Z'))).toBe('2026-03-01T03:00:00.000Z');
  });
});
