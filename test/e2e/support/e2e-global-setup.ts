import fs from 'node:fs';
import { templateDirOf } from './server.ts';

/** Removes this run's seed template (≈ 55 MB under the temp directory) when the browser tests end. */
export default function setup(): () => void {
  return () => fs.rmSync(templateDirOf(process.pid), { recursive: true, force: true });
}
