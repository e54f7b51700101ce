import { defineMessages } from '../define.ts';

export const units = defineMessages({
  vi: {
    'unitKind.PROVINCE': 'Tỉnh/Thành phố',
    'unitKind.WARD': 'Phường',
    'unitKind.COMMUNE': 'Xã',
    'unitKind.SPECIAL_ZONE': 'Đặc khu',
    'unitKind.FORMER_WARD': 'Phường (trước sắp xếp)',
    'unitKind.FORMER_COMMUNE': 'Xã (trước sắp xếp)',
    'unitKind.FORMER_TOWNSHIP': 'Thị trấn (trước sắp xếp)',
    'unitKind.FORMER_DISTRICT': 'Quận/Huyện/Thị xã (trước 01/7/2025)',
  },
  en: {
    'unitKind.PROVINCE': 'Province/City',
    'unitKind.WARD': 'Ward',
    'unitKind.COMMUNE': 'Commune',
    'unitKind.SPECIAL_ZONE': 'Special zone',
    'unitKind.FORMER_WARD': 'Ward (before the merger)',
    'unitKind.FORMER_COMMUNE': 'Commune (before the merger)',
    'unitKind.FORMER_TOWNSHIP': 'Township (before the merger)',
    'unitKind.FORMER_DISTRICT': 'District (before 1 July 2025)',
  },
  id: {
    'unitKind.PROVINCE': 'Provinsi/Kota',
    'unitKind.WARD': 'Kelurahan',
    'unitKind.COMMUNE': 'Desa',
    'unitKind.SPECIAL_ZONE': 'Zona khusus',
    'unitKind.FORMER_WARD': 'Kelurahan (sebelum penggabungan)',
    'unitKind.FORMER_COMMUNE': 'Desa (sebelum penggabungan)',
    'unitKind.FORMER_TOWNSHIP': 'Kota kecil (sebelum penggabungan)',
    'unitKind.FORMER_DISTRICT': 'Kabupaten (sebelum 1 Juli 2025)',
  },
});
