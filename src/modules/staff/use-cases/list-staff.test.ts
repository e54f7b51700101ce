import { describe, expect, it } from 'vitest';
import { sortStaffKeys } from './list-staff.ts';

describe('sortStaffKeys', () => {
  it('orders by given name with Vietnamese letters (Â after A, Đ after D), then by full name', () => {
    const keys = [
      { id: 1, fullName: 'Trần Thị Đào' },
      { id: 2, fullName: 'Nguyễn Văn Anh' },
      { id: 3, fullName: 'Lê Văn Dũng' },
      { id: 4, fullName: 'Phạm Thị Ân' },
      { id: 5, fullName: 'Lê Thị Anh' },
    ];
    expect(sortStaffKeys(keys).map((k) => k.fullName)).toEqual([
      'Lê Thị Anh',
      'Nguyễn Văn Anh',
      'Phạm Thị Ân',
      'Lê Văn Dũng',
      'Trần Thị Đào',
    ]);
  });

  it('keeps namesakes in id order so pages do not shuffle', () => {
    const keys = [
      { id: 9, fullName: 'Hồ Văn Nam' },
      { id: 3, fullName: 'Hồ Văn Nam' },
    ];
    expect(sortStaffKeys(keys).map((k) => k.id)).toEqual([3, 9]);
  });
});
