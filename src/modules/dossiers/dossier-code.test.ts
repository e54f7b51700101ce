import { describe, expect, it } from 'vitest';
import { RULES } from '../../platform/rules/rules.registry.ts';
import { agencyCodeOf, formatDossierCode, receptionDay } from './dossier-code.ts';

describe('dossier codes', () => {
  it('formats the Circular 01/2018 shape with a zero-padded daily sequence', () => {
    const format = RULES['dossier.codeFormat'].default;
    expect(formatDossierCode(format, { agency: '000.00.31.H57', day: '260302', seq: 7 })).toBe('000.00.31.H57-260302-0007');
    expect(formatDossierCode(format, { agency: '10001', day: '260302', seq: 1234 })).toBe('10001-260302-1234');
  });

  it('keeps every digit past 9999 instead of wrapping, so codes never repeat', () => {
    expect(formatDossierCode('{agency}-{yymmdd}-{seq4}', { agency: 'A', day: '260302', seq: 10000 })).toBe('A-260302-10000');
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatDossierCode('{agency}-{yymmdd}-{seq4}', { agency: 'A', day: '260302', seq: 0 })).toThrow();
  });

  it('takes the reception day in Vietnam, not UTC', () => {
    expect(receptionDay(new Date('2026-03-01T16:59:59Z'))).toBe('260301');
    expect(receptionDay(new Date('2026-03-01T17:00:00Z'))).toBe('260302');
  });

  it('uses a configured agency identifier over the unit code', () => {
    expect(agencyCodeOf('10001', {})).toBe('10001');
    expect(agencyCodeOf('10001', { '10001': '000.00.31.H57' })).toBe('000.00.31.H57');
  });

  it('validates formats: both the day and the sequence are required', () => {
    expect(RULES['dossier.codeFormat'].schema.safeParse('{agency}-{seq4}').success).toBe(false);
    expect(RULES['dossier.codeFormat'].schema.safeParse('{agency}/{yymmdd}/{seq4}').success).toBe(true);
    expect(RULES['dossier.codeFormat'].schema.safeParse('{agency}-{yymmdd}-{seq4}<b>').success).toBe(false);
  });
});
