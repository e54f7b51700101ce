import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, sortByText } from './collation.ts';
import { likeContains, searchKey } from './search-key.ts';

describe('searchKey', () => {
  it('folds Vietnamese diacritics, đ and case so "Nguyen Van Manh" finds "Nguyễn Văn Mạnh"', () => {
    expect(searchKey('Nguyễn Văn Mạnh')).toBe('nguyen van manh');
    expect(searchKey('NGUYEN VAN MANH')).toBe(searchKey('Nguyễn Văn Mạnh'));
    expect(searchKey('Đặng Thị Đào')).toBe('dang thi dao');
    expect(searchKey('  Phường   Phú Xuân ')).toBe('phuong phu xuan');
  });

  it('treats precomposed and decomposed input alike', () => {
    expect(searchKey('Hu\u1EBF')).toBe(searchKey('Hue\u0302\u0301'));
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(likeContains('50%_a')).toBe('%50\\%\\_a%');
  });
});

describe('Vietnamese collation', () => {
  it('orders letters as the Vietnamese alphabet does (a ă â … d đ)', () => {
    expect(sortByText(['Đông', 'Dương', 'Âu', 'Ăn', 'An'], (s) => s)).toEqual(['An', 'Ăn', 'Âu', 'Dương', 'Đông']);
  });

  it('sorts personal names by given name, then the full name', () => {
    const names = ['Trần Văn Bình', 'Nguyễn Thị An', 'Lê An', 'Phạm Đức Ánh'];
    expect([...names].sort(compareVietnameseNames)).toEqual(['Lê An', 'Nguyễn Thị An', 'Phạm Đức Ánh', 'Trần Văn Bình']);
  });
});
