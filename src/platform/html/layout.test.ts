import { describe, expect, it } from 'vitest';
import { currentHref } from './layout.tsx';

describe('current navigation entry', () => {
  const hrefs = ['/', '/staffing', '/staffing/wisn', '/training/courses', '/training/needs'];

  it('marks the longest matching entry only', () => {
    expect(currentHref('/staffing/wisn', hrefs)).toBe('/staffing/wisn');
    expect(currentHref('/staffing/runs/4/units/2/fields/LAND', hrefs)).toBe('/staffing');
    expect(currentHref('/staffing', hrefs)).toBe('/staffing');
  });

  it('matches whole path segments and the home page exactly', () => {
    expect(currentHref('/staffingx', hrefs)).toBeUndefined();
    expect(currentHref('/', hrefs)).toBe('/');
    expect(currentHref('/units', hrefs)).toBeUndefined();
  });
});
