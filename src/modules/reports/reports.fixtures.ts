import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './reports.repository.ts';

const sha256Hex = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A finished monthly report of commune A (February 2026, on demand) for the shared test fixture:
 * the authorization matrix reads, downloads and opens it. Its "files" are tiny placeholders; the
 * HTTP tests build real ones through the job.
 */
export async function seedReportFixture(db: Db, o: { provinceCode: string; unitA: number; at: string }): Promise<number> {
  const id = await repo.insertReport(db, {
    provinceCode: o.provinceCode,
    unitId: o.unitA,
    kind: 'MONTH',
    periodFrom: '2026-02-01',
    periodTo: '2026-03-01',
    trigger: 'ON_DEMAND',
    scheduleKey: null,
    requestedBy: null,
    createdAt: o.at,
  });
  if (id === undefined) throw new Error('fixture report not inserted');
  const snapshot = JSON.stringify({ schemaVersion: 1, fixture: true });
  const pdf = Buffer.from('%PDF-1.7 fixture');
  const xlsx = Buffer.from('PK fixture');
  await repo.storeReportResult(db, id, {
    builtAt: o.at,
    snapshot,
    snapshotSha256: sha256Hex(snapshot),
    pdf,
    xlsx,
    pdfSha256: sha256Hex(pdf),
    xlsxSha256: sha256Hex(xlsx),
  });
  return id;
}
