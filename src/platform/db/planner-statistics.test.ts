import { describe, expect, it } from 'vitest';
import { type AnalyzeSettings, analyzeReason, type TableActivity } from './planner-statistics.ts';

const table = (over: Partial<TableActivity> = {}): TableActivity => ({
  table: 'dossiers',
  estimatedRows: 10_000,
  modifiedSinceAnalyze: 0,
  hasRows: true,
  hasStatistics: true,
  ...over,
});
const autovacuumOn: AnalyzeSettings = { autovacuum: true, threshold: 50, scaleFactor: 0.1 };
const autovacuumOff: AnalyzeSettings = { ...autovacuumOn, autovacuum: false };

describe('analyzeReason', () => {
  it('analyzes a table that has rows and no statistics, whatever autovacuum does', () => {
    expect(analyzeReason(table({ hasStatistics: false, estimatedRows: -1 }), autovacuumOn)).toBe('no statistics');
    expect(analyzeReason(table({ hasStatistics: false, estimatedRows: 0 }), autovacuumOff)).toBe('no statistics');
  });

  it('leaves an empty table alone: ANALYZE would give it no statistics either', () => {
    expect(analyzeReason(table({ hasStatistics: false, hasRows: false, estimatedRows: -1 }), autovacuumOff)).toBeNull();
  });

  it('leaves changed tables to autovacuum when it runs', () => {
    expect(analyzeReason(table({ modifiedSinceAnalyze: 1_000_000 }), autovacuumOn)).toBeNull();
  });

  it("where autovacuum is off, analyzes past autovacuum's own threshold and not before", () => {
    // 50 + 0.1 × 10,000 = 1,050 changed rows.
    expect(analyzeReason(table({ modifiedSinceAnalyze: 1_050 }), autovacuumOff)).toBeNull();
    expect(analyzeReason(table({ modifiedSinceAnalyze: 1_051 }), autovacuumOff)).toBe('changed since last analyze');
    expect(analyzeReason(table({ modifiedSinceAnalyze: 60, estimatedRows: -1 }), autovacuumOff)).toBe('changed since last analyze');
    expect(analyzeReason(table({ modifiedSinceAnalyze: 40, estimatedRows: -1 }), { ...autovacuumOff, threshold: 50 })).toBeNull();
  });
});
