/**
 * The roster spreadsheet, column by column. Row 1 carries the Vietnamese headers HR
 * offices read, row 2 the field keys the importer matches on (so a header reworded by
 * hand does not break an import), data from row 3. A workbook without the key row is read
 * by its Vietnamese headers, with data from row 2.
 */
export const ROSTER_SHEET = 'Danh sách';
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const REFERENCE_SHEET = 'Mã đơn vị, vị trí';

export type RosterColumn = {
  key: RosterField;
  header: string;
  required: boolean;
  /** Personal data: its value is masked in an import report. */
  personal: boolean;
  width: number;
};

export const ROSTER_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'citizenId',
  'ethnicity',
  'phone',
  'email',
  'unitCode',
  'positionCode',
  'title',
  'startDate',
  'decision',
  'rank',
  'employmentStatus',
  'education',
  'qualification',
  'qualificationField',
  'politicalTheory',
  'stateManagementTraining',
  'itCertificate',
  'foreignLanguageCertificate',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

const col = (key: RosterField, header: string, width: number, opts: { required?: boolean; personal?: boolean } = {}): RosterColumn => ({
  key,
  header,
  width,
  required: opts.required ?? false,
  personal: opts.personal ?? false,
});

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  col('fullName', 'Họ và tên', 28, { required: true }),
  col('gender', 'Giới tính', 10, { required: true }),
  col('birthDate', 'Ngày sinh (dd/mm/yyyy)', 14, { required: true, personal: true }),
  col('citizenId', 'Số định danh cá nhân (12 chữ số)', 20, { required: true, personal: true }),
  col('ethnicity', 'Dân tộc', 10, { personal: true }),
  col('phone', 'Điện thoại', 14, { personal: true }),
  col('email', 'Thư điện tử', 24, { personal: true }),
  col('unitCode', 'Mã đơn vị', 12, { required: true }),
  col('positionCode', 'Mã vị trí việc làm', 14),
  col('title', 'Chức vụ / chức danh', 26, { required: true }),
  col('startDate', 'Ngày bắt đầu giữ chức vụ (dd/mm/yyyy)', 16, { required: true }),
  col('decision', 'Số quyết định', 16),
  col('rank', 'Ngạch', 20, { required: true }),
  col('employmentStatus', 'Tình trạng công tác', 20, { required: true }),
  col('education', 'Trình độ giáo dục phổ thông', 12),
  col('qualification', 'Trình độ chuyên môn', 16),
  col('qualificationField', 'Chuyên ngành đào tạo', 22),
  col('politicalTheory', 'Lý luận chính trị', 14),
  col('stateManagementTraining', 'Quản lý nhà nước', 16),
  col('itCertificate', 'Chứng chỉ tin học', 16),
  col('foreignLanguageCertificate', 'Chứng chỉ ngoại ngữ', 18),
];

export const COLUMN_BY_KEY = new Map(ROSTER_COLUMNS.map((c) => [c.key, c]));

/** Free-text fields: kept exactly as written (NFC only), checked for legacy font encodings. */
export const TEXT_FIELDS: readonly RosterField[] = [
  'fullName',
  'ethnicity',
  'title',
  'decision',
  'education',
  'qualification',
  'qualificationField',
  'politicalTheory',
  'stateManagementTraining',
  'itCertificate',
  'foreignLanguageCertificate',
];

/** Longest accepted free text, in characters. */
export const MAX_TEXT_LENGTH = 500;
