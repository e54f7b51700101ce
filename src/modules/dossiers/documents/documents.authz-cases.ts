import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['dossiers.read'];
const attachers = PERMISSIONS['dossiers.attach'];

/**
 * These rows run before dossiers.authz-cases.ts (the matrix takes files in path order,
 * and documents/ sorts before dossiers.authz-cases.ts), so no dossier exists yet and
 * creating one here would shift the dossier ids that file addresses. The success rows
 * therefore accept 404 (the access rule let the role through to the dossier lookup)
 * beside the status a real dossier gives; refusals (anonymous, roles without the
 * permission, other units and provinces) are checked in full. The real success paths,
 * unit scoping with an existing dossier, CSRF and file checks are in
 * documents.http.test.ts. Once test/support/fixture.ts seeds a dossier, drop the 404s.
 * Uploads here send JSON (the matrix cannot build multipart), which the route answers 415
 * after the dossier check.
 */
export const documentsAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/dossiers/:id/attachments',
    request: () => ({ url: '/api/v1/dossiers/1/attachments', payload: { files: [] } }),
    allowed: attachers,
    scope: 'unit',
    okStatus: [404, 415],
  },
  {
    route: 'GET /api/v1/dossiers/:id/attachments',
    request: () => ({ url: '/api/v1/dossiers/1/attachments' }),
    allowed: readers,
    scope: 'unit',
    okStatus: [200, 404],
  },
  {
    route: 'GET /dossiers/:id/attachments',
    request: () => ({ url: '/dossiers/1/attachments' }),
    allowed: readers,
    scope: 'unit',
    okStatus: [200, 404],
  },
  {
    route: 'POST /dossiers/:id/attachments',
    request: () => ({ url: '/dossiers/1/attachments', form: { note: 'không có tệp' } }),
    allowed: attachers,
    scope: 'unit',
    okStatus: [404, 415],
  },
  {
    route: 'GET /dossiers/:id/attachments/:attachmentId',
    request: () => ({ url: '/dossiers/1/attachments/1' }),
    allowed: readers,
    scope: 'unit',
    okStatus: [200, 404],
  },
  {
    route: 'GET /dossiers/:id/receipt.pdf',
    request: () => ({ url: '/dossiers/1/receipt.pdf' }),
    allowed: readers,
    scope: 'unit',
    okStatus: [200, 404],
  },
  {
    route: 'GET /dossiers/:id/apology/:slipId.pdf',
    request: () => ({ url: '/dossiers/1/apology/1.pdf' }),
    allowed: readers,
    scope: 'unit',
    okStatus: [200, 404],
  },
];
