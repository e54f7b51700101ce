/** Request bodies shared by the HTTP tests and the authorization matrix. */
export function procedureBody(nationalCode: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nationalCode,
    nameVi: 'Đăng ký thành lập hộ kinh doanh',
    nameEn: 'Household business registration',
    field: 'HOUSEHOLD_BUSINESS',
    competentLevel: 'COMMUNE',
    timeLimitAmount: 3,
    timeLimitUnit: 'WORKING_DAYS',
    timeLimitNote: null,
    fee: 100_000,
    feeNote: 'Theo Nghị quyết HĐND tỉnh',
    onlineLevel: 'FULL',
    paperResult: true,
    essentialService: false,
    requiredDocuments: [
      { nameVi: 'Giấy đề nghị đăng ký hộ kinh doanh', nameEn: 'Registration request', copies: 1, originalRequired: true },
    ],
    workflow: [
      { code: 'RECEIVE', name: 'Tiếp nhận hồ sơ', roles: ['counter_officer'] },
      { code: 'SPECIALIST', name: 'Thẩm định', roles: ['field_specialist'], workingDays: 2 },
      { code: 'LEADER_APPROVAL', name: 'Phê duyệt', roles: ['unit_leader'], workingDays: 1 },
      { code: 'RETURN', name: 'Trả kết quả', roles: ['counter_officer'] },
    ],
    sourceTag: 'NC',
    sourceNote: 'Dữ liệu thử',
    ...over,
  };
}

/** The body of a new version: the same rules without the code, plus the version read and the start date. */
export function versionBody(version: number, effectiveFrom: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const { nationalCode: _code, ...rules } = procedureBody('X.1');
  return { ...rules, version, effectiveFrom, ...over };
}

/** The same procedure as the HTML form posts it (flat text fields). */
export function procedureForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    nameVi: 'Chứng thực chữ ký',
    nameEn: 'Certification of a signature',
    field: 'CERTIFICATION',
    competentLevel: 'COMMUNE',
    timeLimitAmount: '',
    timeLimitUnit: 'IMMEDIATE',
    fee: '10000',
    feeNote: '10.000 đ/trường hợp',
    onlineLevel: 'NONE',
    paperResult: 'on',
    'doc.0.nameVi': 'Giấy tờ cần chứng thực chữ ký',
    'doc.0.nameEn': 'Document to sign',
    'doc.0.copies': '1',
    'step.0.code': 'RECEIVE',
    'step.0.name': 'Tiếp nhận',
    'step.0.roles': 'counter_officer',
    'step.1.code': 'SPECIALIST',
    'step.1.name': 'Chứng thực',
    'step.1.roles': 'field_specialist',
    'step.2.code': 'RETURN',
    'step.2.name': 'Trả kết quả',
    'step.2.roles': 'counter_officer',
    ...over,
  };
}
