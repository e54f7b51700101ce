import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../../test/support/fixture.ts';
import type { FileStorage } from '../../../platform/providers/file-storage.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { findAttachment, insertAttachment, listAttachments } from './documents.repository.ts';
import { uploadAttachments } from './use-cases/attachments.ts';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

/** An in-memory store that can be told to hand out the same key twice. */
function memoryStorage(keys: string[]): FileStorage & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  let i = 0;
  return {
    files,
    async put(_scope, bytes) {
      const key = keys[i++ % keys.length] as string;
      files.set(`${key}#${i}`, bytes);
      return key;
    },
    read: async (key) => files.get(key) ?? Buffer.alloc(0),
    async remove(key) {
      for (const k of [...files.keys()]) if (k.startsWith(`${key}#`)) files.delete(k);
    },
  };
}

describe.each(testDialects())('documents repository and upload transaction on %s', (dialect) => {
  let t: TestApp;
  let dossierId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: t.fixture.users.counter_officer_a?.bearer ?? '' },
      payload: intakeBody(t.fixture.unitA),
    });
    dossierId = res.json().id;
  });
  afterAll(async () => t?.close());

  it('inserts, lists in order and finds an attachment only through its own dossier', async () => {
    const row = {
      dossierId,
      provinceCode: 'T1',
      fileName: 'Tờ khai.pdf',
      storedName: 'T1/2026/repository-test-key-000000001',
      mediaType: 'application/pdf',
      size: 15,
      sha256: 'a'.repeat(64),
      createdAt: NOW,
    };
    const id = await insertAttachment(t.database.db, row);
    expect(await listAttachments(t.database.db, dossierId)).toEqual([{ ...row, id }]);
    expect(await findAttachment(t.database.db, dossierId, id)).toEqual({ ...row, id });
    expect(await findAttachment(t.database.db, dossierId + 1000, id)).toBeUndefined();
  });

  it('a failed insert removes the files already written and leaves no row or audit entry', async () => {
    // Two files get the same key: the second row trips stored_name's unique constraint.
    const storage = memoryStorage(['T1/2026/duplicate-key-for-the-test-01']);
    const actor = t.fixture.users.counter_officer_a;
    if (!actor) throw new Error('fixture');
    const before = (await listAttachments(t.database.db, dossierId)).length;
    const auditBefore = (await t.database.db.selectFrom('auditLog').select('seq').where('action', '=', 'dossier.attach').execute()).length;
    await expect(
      uploadAttachments(
        { db: t.database.db, storage, clock: fixedClock(NOW), maxUploadBytes: 1024 },
        {
          userId: actor.userId,
          username: actor.username,
          displayName: actor.username,
          role: actor.role,
          unitId: actor.unitId,
          provinceCode: actor.provinceCode,
          locale: 'vi',
          sessionId: null,
          via: 'token',
        },
        dossierId,
        [
          { fieldName: 'files', fileName: 'a.pdf', clientType: 'application/pdf', bytes: PDF },
          { fieldName: 'files', fileName: 'b.pdf', clientType: 'application/pdf', bytes: PDF },
        ],
        { actor: null, requestId: 'test', at: NOW, provinceCode: 'T1' },
      ),
    ).rejects.toThrow();
    expect(storage.files.size).toBe(0);
    expect(await listAttachments(t.database.db, dossierId)).toHaveLength(before);
    const auditAfter = (await t.database.db.selectFrom('auditLog').select('seq').where('action', '=', 'dossier.attach').execute()).length;
    expect(auditAfter).toBe(auditBefore);
  });
});
