import { execFileSync, spawnSync } from 'node:child_process';

/**
 * sqlmap and wapiti come from Debian. Like .ci/run does for chromium, install them when
 * missing (root on the CI machine); fail with a clear message when that is impossible.
 */
export function ensureDebianTools(): void {
  const missing = ['sqlmap', 'wapiti'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length === 0) return;
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '-qq', 'sqlmap', 'wapiti'], {
      stdio: 'ignore',
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (e) {
    throw new Error(`${missing.join(' and ')} missing and apt-get install failed (${String(e)}): install them from Debian`);
  }
}
