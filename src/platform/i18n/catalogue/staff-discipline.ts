import { defineMessages } from '../define.ts';

/** Discipline pending on a staff record (Decree 170/2025 transfer condition): section, form, errors. */
export const staffDiscipline = defineMessages({
  vi: {
    'error.STAFF_DISCIPLINE_DATE_PAST': 'Ngày kết thúc xem xét kỷ luật không được trước hôm nay; để gỡ, hãy để trống ngày.',
    'error.STAFF_DISCIPLINE_DOCUMENT_REQUIRED': 'Cần ghi số, ký hiệu văn bản khi ghi nhận đang xem xét kỷ luật.',
    'discipline.title': 'Xem xét kỷ luật',
    'discipline.intro':
      'Theo Nghị định 170/2025, công chức đang bị xem xét kỷ luật hoặc đang thi hành kỷ luật không được điều động, biệt phái: đến hết ngày ghi dưới đây, người này không được đưa vào đề xuất bố trí nhân sự.',
    'discipline.none': 'Không có thông tin đang xem xét kỷ luật.',
    'discipline.pendingUntil': 'Đang xem xét kỷ luật đến hết ngày',
    'discipline.ended': 'Đã hết hạn (đến hết ngày {date})',
    'discipline.reason': 'Lý do',
    'discipline.documentRef': 'Văn bản (số, ký hiệu)',
    'discipline.recorded': 'Ghi nhận',
    'discipline.recordedBy': '{at} bởi {by}',
    'discipline.form.title': 'Cập nhật',
    'discipline.form.pendingUntil': 'Đến hết ngày (để trống để gỡ)',
    'discipline.form.reason': 'Lý do (bắt buộc, kể cả khi gỡ)',
    'discipline.form.documentRef': 'Số, ký hiệu văn bản (bắt buộc khi ghi nhận)',
    'discipline.form.submit': 'Lưu',
    'discipline.form.saved': 'Đã lưu thông tin xem xét kỷ luật.',
    'discipline.form.storage':
      'Ngày được lưu trên hồ sơ; lý do và văn bản được lưu trong nhật ký kiểm toán của lần cập nhật (không sửa, không xóa được).',
    'discipline.back': 'Về hồ sơ',
  },
  en: {
    'error.STAFF_DISCIPLINE_DATE_PAST': 'The end of the disciplinary matter cannot be before today; to lift it, leave the date blank.',
    'error.STAFF_DISCIPLINE_DOCUMENT_REQUIRED': 'Give the document number and reference when recording a pending disciplinary matter.',
    'discipline.title': 'Discipline pending',
    'discipline.intro':
      'Under Decree 170/2025 a civil servant under disciplinary review or serving a sanction may not be transferred or seconded: until the end of the date below, this person is left out of placement recommendations.',
    'discipline.none': 'No pending disciplinary matter recorded.',
    'discipline.pendingUntil': 'Discipline pending until the end of',
    'discipline.ended': 'Ended (until the end of {date})',
    'discipline.reason': 'Reason',
    'discipline.documentRef': 'Document (number, reference)',
    'discipline.recorded': 'Recorded',
    'discipline.recordedBy': '{at} by {by}',
    'discipline.form.title': 'Update',
    'discipline.form.pendingUntil': 'Until the end of (blank to lift)',
    'discipline.form.reason': 'Reason (required, also when lifting)',
    'discipline.form.documentRef': 'Document number and reference (required when recording)',
    'discipline.form.submit': 'Save',
    'discipline.form.saved': 'Discipline information saved.',
    'discipline.form.storage':
      'The date is kept on the record; the reason and document are kept in the audit entry of the change (which cannot be edited or deleted).',
    'discipline.back': 'Back to the record',
  },
  id: {
    'error.STAFF_DISCIPLINE_DATE_PAST': 'Akhir proses disiplin tidak boleh sebelum hari ini; untuk mencabutnya, kosongkan tanggal.',
    'error.STAFF_DISCIPLINE_DOCUMENT_REQUIRED': 'Cantumkan nomor dan referensi dokumen saat mencatat proses disiplin.',
    'discipline.title': 'Proses disiplin',
    'discipline.intro':
      'Menurut Dekret 170/2025, pegawai yang sedang diperiksa atau menjalani sanksi disiplin tidak boleh dimutasi atau diperbantukan: sampai akhir tanggal di bawah, orang ini tidak dimasukkan dalam rekomendasi penempatan.',
    'discipline.none': 'Tidak ada proses disiplin yang tercatat.',
    'discipline.pendingUntil': 'Proses disiplin sampai akhir tanggal',
    'discipline.ended': 'Sudah berakhir (sampai akhir {date})',
    'discipline.reason': 'Alasan',
    'discipline.documentRef': 'Dokumen (nomor, referensi)',
    'discipline.recorded': 'Dicatat',
    'discipline.recordedBy': '{at} oleh {by}',
    'discipline.form.title': 'Perbarui',
    'discipline.form.pendingUntil': 'Sampai akhir tanggal (kosongkan untuk mencabut)',
    'discipline.form.reason': 'Alasan (wajib, juga saat mencabut)',
    'discipline.form.documentRef': 'Nomor dan referensi dokumen (wajib saat mencatat)',
    'discipline.form.submit': 'Simpan',
    'discipline.form.saved': 'Informasi disiplin disimpan.',
    'discipline.form.storage':
      'Tanggal disimpan pada catatan pegawai; alasan dan dokumen disimpan dalam entri audit perubahan (tidak dapat diubah atau dihapus).',
    'discipline.back': 'Kembali ke catatan',
  },
});
