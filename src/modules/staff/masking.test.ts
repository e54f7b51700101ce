import { describe, expect, it } from 'vitest';
import { birthYearOf, maskCitizenId, maskPersonal } from './masking.ts';

const person = {
  fullName: 'Nguyễn Văn Mạnh',
  citizenId: '046085001234',
  birthDate: '1985-04-12',
  phone: '0905123456',
  email: 'manh@example.vn',
  ethnicity: 'Kinh',
};

describe('maskCitizenId', () => {
  it('keeps the first four and last two digits of a 12-digit ID', () => {
    expect(maskCitizenId('046085001234')).toBe('0460******34');
  });

  it('hides a short value entirely', () => {
    expect(maskCitizenId('12345')).toBe('*****');
    expect(maskCitizenId('')).toBe('');
  });

  it('keeps the length of a 9-digit legacy ID number', () => {
    expect(maskCitizenId('191234567')).toBe('1912***67');
  });
});

describe('maskPersonal', () => {
  it('returns everything to a role that may see personal data', () => {
    expect(maskPersonal(person, true)).toEqual({ ...person, masked: false });
  });

  it('reduces the birth date to the year, masks the ID and drops contacts otherwise', () => {
    expect(maskPersonal(person, false)).toEqual({
      fullName: 'Nguyễn Văn Mạnh',
      citizenId: '0460******34',
      birthDate: '1985',
      phone: null,
      email: null,
      ethnicity: null,
      masked: true,
    });
  });

  it('leaves absent values absent', () => {
    const r = maskPersonal({ citizenId: null, birthDate: null, phone: null, email: null, ethnicity: null }, false);
    expect(r).toEqual({ citizenId: null, birthDate: null, phone: null, email: null, ethnicity: null, masked: true });
  });

  it('takes the year of a birth date', () => {
    expect(birthYearOf('2001-12-31')).toBe('2001');
  });
});
