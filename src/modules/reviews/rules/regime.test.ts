import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_REGIME_CONFIG, ReviewRegimeConfigSchema } from '../../../platform/rules/defaults/reviews-regime.config.ts';
import { chooseRegime } from './regime.ts';

const config = DEFAULT_REVIEW_REGIME_CONFIG;

describe('chooseRegime', () => {
  it('uses Decree 90 for years before 2026 and Decree 335 from 2026 for civil servants', () => {
    expect(chooseRegime(config, 2024).regime).toBe('DECREE_90');
    expect(chooseRegime(config, 2025).regime).toBe('DECREE_90');
    expect(chooseRegime(config, 2026)).toMatchObject({
      regime: 'DECREE_335',
      referenceDate: '2026-12-31',
      entryEffectiveFrom: '2026-01-01',
    });
    expect(chooseRegime(config, 2030).regime).toBe('DECREE_335');
  });

  it('keeps Decree 90 for cadres and public employees (the NC placeholder of domain.md §12 item 4)', () => {
    expect(chooseRegime(config, 2026, 'PUBLIC_EMPLOYEE').regime).toBe('DECREE_90');
    expect(chooseRegime(config, 2026, 'CADRE').regime).toBe('DECREE_90');
    expect(chooseRegime(config, 2026, 'CIVIL_SERVANT').trace[0]).toMatchObject({ rule: 'regime.DECREE_335', certainty: 'NC' });
  });

  it('covers 2020, whose Decree 90 took effect on 1 October, and nothing before it', () => {
    expect(chooseRegime(config, 2020).regime).toBe('DECREE_90');
    expect(chooseRegime(config, 2019)).toMatchObject({ regime: null, entryEffectiveFrom: null });
    expect(chooseRegime(config, 2019).trace[0]?.rule).toBe('regime.none');
  });

  it('follows the configured entries and reference day', () => {
    const allFrom2026 = {
      ...config,
      entries: config.entries.map((e) =>
        e.regime === 'DECREE_335' ? { ...e, categories: ['CIVIL_SERVANT' as const, 'CADRE' as const, 'PUBLIC_EMPLOYEE' as const] } : e,
      ),
    };
    expect(chooseRegime(allFrom2026, 2026, 'PUBLIC_EMPLOYEE').regime).toBe('DECREE_335');
    // Looked up on 1 January instead, a regime in force from 1 July applies from the next year only.
    const midYear = {
      ...config,
      referenceDay: '01-01',
      entries: [
        ...config.entries,
        { regime: 'DECREE_90' as const, effectiveFrom: '2027-07-01', categories: ['CIVIL_SERVANT' as const], certainty: 'NC' as const },
      ],
    };
    expect(chooseRegime(midYear, 2027).regime).toBe('DECREE_335');
    expect(chooseRegime(midYear, 2028).regime).toBe('DECREE_90');
  });

  it('refuses a year that is not a four-digit year, and validates the config', () => {
    expect(() => chooseRegime(config, 26)).toThrow(RangeError);
    expect(ReviewRegimeConfigSchema.safeParse(config).success).toBe(true);
    expect(ReviewRegimeConfigSchema.safeParse({ ...config, referenceDay: '13-01' }).success).toBe(false);
  });
});
