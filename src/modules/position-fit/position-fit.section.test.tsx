import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../platform/html/view-context.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { RULES } from '../../platform/rules/rules.registry.ts';
import type { PositionFitView, ServiceEvidenceView } from './position-fit.schemas.ts';
import { PositionFitSection } from './position-fit.section.tsx';

const ctx = (locale: Locale): ViewContext => ({
  t: translator(locale),
  locale,
  actor: null,
  csrfToken: '',
  path: '/staff/1',
  requestId: 'r',
});

const fit: PositionFitView = {
  staff: { id: 1, fullName: 'Nguyễn Văn Mạnh', unitId: 2, unitName: 'Xã Hòa Bình' },
  asOf: '2026-03-02',
  position: {
    id: 3,
    code: 'P.JUSTICE',
    nameVi: 'Công chức tư pháp',
    nameEn: 'Justice officer',
    field: 'JUSTICE_CIVIL_STATUS',
    requiredRank: 'CHUYEN_VIEN',
    educationLevel: 'UNIVERSITY',
    qualificationFields: ['Luật'],
    startDate: '2025-07-01',
  },
  competencies: [
    {
      competencyCode: 'T.LAW',
      nameVi: 'Pháp luật',
      nameEn: 'Law',
      required: 3,
      assessed: {
        level: 2,
        source: 'CAMPAIGN',
        on: '2026-01-10',
        campaignId: 1,
        campaignName: 'Đánh giá 2025',
        stage: 'SUPERVISOR',
        testId: null,
        testName: null,
        passed: null,
        enrolmentId: null,
        classId: null,
        classCode: null,
        courseCode: null,
        courseName: null,
      },
      gap: 1,
    },
    { competencyCode: 'T.CIVIL', nameVi: 'Hộ tịch', nameEn: 'Civil status', required: 4, assessed: null, gap: null },
  ],
  rank: { status: 'MET', required: 'CHUYEN_VIEN', actual: 'CHUYEN_VIEN_CHINH' },
  education: { status: 'MET', required: 'UNIVERSITY', actual: 'UNIVERSITY' },
  qualificationField: { status: 'NOT_MET', required: 'Luật', actual: 'Quản lý đất đai' },
  meetsPosition: false,
  reasons: [
    { code: 'COMPETENCY_GAP', subject: 'T.LAW', required: '3', actual: '2' },
    { code: 'COMPETENCY_NOT_ASSESSED', subject: 'T.CIVIL', required: '4', actual: null },
    { code: 'FIELD_MISMATCH', subject: null, required: 'Luật', actual: 'Quản lý đất đai' },
  ],
  graceDeadline: '2026-07-01',
  status: 'WITHIN_GRACE',
  graceRule: { graceMonths: 12, effectiveFrom: null, origin: 'default', sourceNote: 'draft of Decree 361/2025' },
};

const noData: ServiceEvidenceView = {
  staffId: 1,
  from: '2026-01-01',
  to: '2026-12-31',
  status: 'NO_DATA',
  reason: 'NO_LINKED_ACCOUNT',
  onTimeDefinition: '766',
  figures: null,
};

const withData: ServiceEvidenceView = {
  ...noData,
  status: 'DATA',
  reason: null,
  figures: {
    linkedAccounts: 1,
    received: 2,
    handled: 7,
    finished: 5,
    finishedOnTime: 2,
    onTimeShare: 0.4,
    overdueOpen: 1,
    ratings: { count: 2, average: 2, scaleMax: 3, satisfiedShare: 0.5, byLevel: [] },
  },
};

describe('position fit section', () => {
  it('renders captioned tables with header cells and meaning in words', () => {
    const html = renderToString(<PositionFitSection ctx={ctx('en')} fit={fit} evidence={withData} />);
    expect(html).toContain('<caption>The position’s competency framework against assessed levels</caption>');
    expect(html).toContain('<th scope="col">Competency</th>');
    expect(html).toContain('<th scope="row"><code>T.LAW</code> Law</th>');
    expect(html).toContain('Review “Đánh giá 2025” (locked 10/01/2026, level of the supervisor)');
    expect(html).toContain('Not assessed');
    expect(html).toContain('Unknown');
    expect(html).toContain('Within the grace period');
    expect(html).toContain('Deadline to meet the requirements: 01/07/2026 (12 months from placement)');
    expect(html).toContain('Competency T.CIVIL: level 4 required, never assessed');
    expect(html).toContain('Not met');
    expect(html).toContain('<caption>Figures from administrative-procedure dossiers</caption>');
    expect(html).toContain('40 %');
  });

  it('says "no service data" rather than showing zeros, in every language', () => {
    expect(renderToString(<PositionFitSection ctx={ctx('vi')} fit={fit} evidence={noData} />)).toContain(
      'Không có số liệu giải quyết hồ sơ: hồ sơ cán bộ chưa gắn với tài khoản nào.',
    );
    const id = renderToString(<PositionFitSection ctx={ctx('id')} fit={fit} evidence={noData} />);
    expect(id).toContain('Tidak ada data layanan');
    expect(id).toContain('Dalam masa tenggang');
    expect(id).not.toContain('<caption>Angka dari berkas');
  });

  it('says so when the person holds no position', () => {
    const html = renderToString(
      <PositionFitSection ctx={ctx('vi')} fit={{ ...fit, position: null, competencies: [], status: 'NO_POSITION' }} evidence={noData} />,
    );
    expect(html).toContain('Chưa được bố trí vào vị trí việc làm nào.');
  });
});

describe('grace rule in the registry', () => {
  it('defaults to 12 months from the draft of Decree 361, survives a JSON round trip and refuses bad values', () => {
    const rule = RULES['review.positionGrace'];
    expect(rule.default).toMatchObject({ graceMonths: 12, effectiveFrom: '2025-12-31', certainty: 'S' });
    expect(rule.schema.parse(JSON.parse(JSON.stringify(rule.default)))).toEqual(rule.default);
    expect(rule.sourceNote).toMatch(/draft of Decree 361/);
    expect(rule.schema.safeParse({ ...rule.default, graceMonths: -1 }).success).toBe(false);
    expect(rule.schema.safeParse({ ...rule.default, graceMonths: 6.5 }).success).toBe(false);
  });
});
