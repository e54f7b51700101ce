import type { CompetencyDef, FrameworkDocument, PositionDef } from './framework.ts';

/** A small valid framework document, shared by the HTTP tests and the authorization matrix. */
export function competencyFixture(code: string, over: Partial<CompetencyDef> = {}): CompetencyDef {
  return {
    code,
    nameVi: `Năng lực ${code}`,
    nameEn: `Competency ${code}`,
    group: 'GENERAL',
    field: null,
    descriptionVi: 'Mô tả',
    descriptionEn: 'Description',
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, vi: `Mức ${level} của ${code}`, en: `Level ${level} of ${code}` })),
    draftDescriptors: true,
    ...over,
  };
}

export function positionFixture(code: string, over: Partial<PositionDef> = {}): PositionDef {
  return {
    code,
    nameVi: `Vị trí ${code}`,
    nameEn: `Position ${code}`,
    group: 'PROFESSIONAL',
    bodyKind: 'OFFICE_HDND_UBND',
    field: 'JUSTICE_CIVIL_STATUS',
    jobDescriptionVi: 'Tham mưu về tư pháp, hộ tịch',
    jobDescriptionEn: 'Advises on justice and civil status',
    requiredRank: 'CHUYEN_VIEN',
    educationLevel: 'UNIVERSITY',
    qualificationFields: ['Luật'],
    confirmed: true,
    sourceNote: 'Dữ liệu thử',
    requirements: [{ competencyCode: 'T.LAW', level: 3 }],
    ...over,
  };
}

export function frameworkFixture(over: Partial<FrameworkDocument> = {}): FrameworkDocument {
  return {
    label: 'Khung thử',
    effectiveFrom: '2025-10-01',
    sourceNote: 'Dữ liệu thử',
    competencies: [competencyFixture('T.LAW'), competencyFixture('T.CIVIL', { group: 'FIELD', field: 'JUSTICE_CIVIL_STATUS' })],
    positions: [
      positionFixture('P.JUSTICE', {
        requirements: [
          { competencyCode: 'T.LAW', level: 3 },
          { competencyCode: 'T.CIVIL', level: 4 },
        ],
      }),
      positionFixture('P.CLERK', { group: 'SUPPORT', requiredRank: 'NHAN_VIEN', requirements: [{ competencyCode: 'T.LAW', level: 1 }] }),
    ],
    ...over,
  };
}
