/**
 * Field-level protection of personal data. Only HR roles see it in full; everyone else
 * sees enough to tell people apart (birth year, the ends of the ID number) and no
 * contacts. Ethnicity is masked too: Decree 13/2023/NĐ-CP Art. 2(4) lists ethnic origin
 * as sensitive personal data.
 */
export type PersonalFields = {
  citizenId: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  ethnicity: string | null;
};

/** "046085001234" → "0460******34": the first four digits (province and century/gender) and the last two. */
export function maskCitizenId(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}`;
}

/** 'YYYY-MM-DD' → 'YYYY'. */
export function birthYearOf(date: string): string {
  return date.slice(0, 4);
}

export function maskPersonal<T extends PersonalFields>(record: T, canSeePersonalData: boolean): T & { masked: boolean } {
  if (canSeePersonalData) return { ...record, masked: false };
  return {
    ...record,
    citizenId: record.citizenId === null ? null : maskCitizenId(record.citizenId),
    birthDate: record.birthDate === null ? null : birthYearOf(record.birthDate),
    phone: null,
    email: null,
    ethnicity: null,
    masked: true,
  };
}
