/**
 * What every Cadre response must carry (platform/http/security-headers.ts, ASVS 5.0 V3.4):
 * a CSP that forbids framing and inline script, X-Frame-Options for old browsers, nosniff,
 * HSTS and a referrer policy. Returns the problems found, empty when the response is fine.
 */
export function headerProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const csp = headers.get('content-security-policy') ?? '';
  if (!/frame-ancestors 'none'/.test(csp)) problems.push(`CSP without frame-ancestors 'none': "${csp}"`);
  const scriptSrc = /(?:^|;)\s*(?:script-src|default-src)\s+([^;]*)/.exec(csp)?.[1] ?? '';
  if (csp === '' || /'unsafe-inline'|'unsafe-eval'|\*/.test(scriptSrc)) problems.push(`CSP allows inline/any script: "${csp}"`);
  if (headers.get('x-frame-options')?.toUpperCase() !== 'DENY') problems.push(`X-Frame-Options ${headers.get('x-frame-options')}`);
  if (headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (!/max-age=\d{7,}/.test(headers.get('strict-transport-security') ?? '')) problems.push('no long HSTS');
  if (!headers.get('referrer-policy')) problems.push('no Referrer-Policy');
  return problems;
}

/** Pages hold personal data: a shared cache or the browser's back button must not keep them. */
export function cacheProblems(headers: Headers): string[] {
  const cc = headers.get('cache-control') ?? '';
  return /no-store/.test(cc) ? [] : [`Cache-Control "${cc}" (pages must be no-store)`];
}
