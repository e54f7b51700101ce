import type { CourseCreateInput } from './training.schemas.ts';

/** A small valid course body (no competencies, so no framework is needed), shared by HTTP tests and the authorization matrix. */
export function courseBody(code: string, over: Partial<CourseCreateInput> = {}): Record<string, unknown> {
  return {
    code,
    nameVi: `Bồi dưỡng kỹ năng số ${code}`,
    nameEn: `Digital skills ${code}`,
    contentType: 'DIGITAL_INNOVATION',
    mode: 'BLENDED',
    provider: 'Trường Chính trị tỉnh',
    location: 'Thành phố Huế',
    durationDays: 8,
    sessions: [{ days: 5 }, { days: 3 }],
    classCapacity: 40,
    minClassSize: 15,
    costPerClass: 30_000_000,
    costPerParticipant: 800_000,
    fundingSource: 'STATE_BUDGET',
    prerequisites: [],
    competencies: [],
    effectiveFrom: '2026-01-01',
    ...over,
  };
}

/** The same course as the HTML form posts it. */
export function courseForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    nameVi: 'Kỹ năng giao tiếp với người dân',
    nameEn: 'Communicating with citizens',
    contentType: 'JOB_POSITION',
    mode: 'IN_PERSON',
    provider: 'Trường Chính trị tỉnh',
    location: '',
    durationDays: '3',
    sessions: '3',
    classCapacity: '40',
    minClassSize: '10',
    costPerClass: '12.000.000',
    costPerParticipant: '300000',
    fundingSource: 'STATE_BUDGET',
    prerequisites: '',
    competencies: '',
    fields: '',
    effectiveFrom: '2026-01-01',
    effectiveTo: '',
    ...over,
  };
}
