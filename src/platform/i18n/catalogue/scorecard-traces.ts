import { defineMessages } from '../define.ts';

/**
 * How each Decision 766 figure was computed (the `explanation` of an indicator): one message
 * per formula key of modules/dossiers/lifecycle/scorecard-766.ts, with the terms as
 * parameters, and one label per term name. Counts of dossiers, procedures or PAKN records.
 */
export const scorecardTraces = defineMessages({
  vi: {
    'scorecard.formula.synced': 'Hồ sơ đồng bộ lên Cổng DVCQG {synced} ÷ hồ sơ tiếp nhận trong kỳ {inScope}',
    'scorecard.formula.onTime':
      'Đúng hạn {onTime} = cần giải quyết {toProcess} − trễ hạn đang giải quyết {lateInProcess} − trễ hạn đã giải quyết {lateProcessed}; cần giải quyết = tiếp nhận trong kỳ {received} + kỳ trước chuyển sang {carriedOver}; tỷ lệ = {onTime} ÷ {toProcess}',
    'scorecard.formula.online':
      'Hồ sơ trực tuyến (có kết quả điện tử nếu thủ tục trả kết quả giấy) {online} ÷ hồ sơ tiếp nhận trong kỳ {inScope}',
    'scorecard.formula.paidOnline':
      'Hồ sơ thanh toán trực tuyến {paidOnline} ÷ hồ sơ của thủ tục có phí, lệ phí tiếp nhận trong kỳ {inScope}',
    'scorecard.formula.electronicResult':
      'Hồ sơ có kết quả điện tử {electronicResult} ÷ hồ sơ của thủ tục trả kết quả giấy đã giải quyết trong kỳ {inScope}',
    'scorecard.formula.digitised':
      'Hồ sơ số hóa thành phần và có kết quả điện tử {digitised} ÷ hồ sơ đã giải quyết có kết quả trong kỳ {inScope}',
    'scorecard.formula.reused': 'Hồ sơ tái sử dụng dữ liệu đã số hóa {reused} ÷ hồ sơ tiếp nhận trong kỳ {inScope}',
    'scorecard.formula.satisfaction':
      '(Cần giải quyết {toProcess} − hồ sơ quá hạn, bị đánh giá không hài lòng hoặc bị phản ánh, mỗi hồ sơ tính một lần {unhappy}) ÷ cần giải quyết {toProcess}; trong đó quá hạn {overdue}, không hài lòng {unsatisfied}, bị phản ánh {complained}',
    'scorecard.formula.offeredOnline':
      'Thủ tục cung cấp trực tuyến (toàn trình hoặc một phần) {offeredOnline} ÷ thủ tục có hiệu lực cuối kỳ {inScope} (thẻ của xã: thủ tục cấp xã)',
    'scorecard.formula.usedOnline':
      'Thủ tục trực tuyến có hồ sơ nộp trực tuyến trong kỳ {usedOnline} ÷ thủ tục cung cấp trực tuyến {offeredOnline}',
    'scorecard.formula.paknOnTime':
      'Phản ánh, kiến nghị xử lý đúng hạn (từ chối, đề nghị bổ sung thông tin hoặc trả lời trong thời hạn của bước đó, trước cuối kỳ) {onTime} ÷ (tiếp nhận trong kỳ {received} − còn mở và chưa đến hạn cuối kỳ {pending})',
    'scorecard.formula.supplied': 'Số liệu nhập bổ sung: {numerator} ÷ {denominator}',
    'scorecard.formula.notSupplied': 'Không tính được từ hồ sơ và chưa có số liệu nhập bổ sung cho kỳ này',
    'scorecard.term.synced': 'Đã đồng bộ DVCQG',
    'scorecard.term.inScope': 'Thuộc phạm vi tính',
    'scorecard.term.online': 'Trực tuyến',
    'scorecard.term.paidOnline': 'Thanh toán trực tuyến',
    'scorecard.term.electronicResult': 'Có kết quả điện tử',
    'scorecard.term.digitised': 'Đã số hóa',
    'scorecard.term.reused': 'Tái sử dụng dữ liệu',
    'scorecard.term.received': 'Tiếp nhận trong kỳ',
    'scorecard.term.carriedOver': 'Kỳ trước chuyển sang',
    'scorecard.term.toProcess': 'Cần giải quyết',
    'scorecard.term.lateInProcess': 'Trễ hạn đang giải quyết',
    'scorecard.term.lateProcessed': 'Trễ hạn đã giải quyết',
    'scorecard.term.lateByRepeatSupplement': 'Trễ hạn do yêu cầu bổ sung lần thứ hai',
    'scorecard.term.onTime': 'Đúng hạn',
    'scorecard.term.overdue': 'Quá hạn',
    'scorecard.term.unsatisfied': 'Không hài lòng',
    'scorecard.term.complained': 'Bị phản ánh',
    'scorecard.term.unhappy': 'Quá hạn, không hài lòng hoặc bị phản ánh',
    'scorecard.term.offeredOnline': 'Thủ tục trực tuyến',
    'scorecard.term.usedOnline': 'Thủ tục có hồ sơ trực tuyến',
    'scorecard.term.pending': 'Còn mở, chưa đến hạn',
    'scorecard.term.numerator': 'Tử số',
    'scorecard.term.denominator': 'Mẫu số',
    'scorecard.term.entries': 'Số lần nhập được cộng',
    'scorecard.term.units': 'Số đơn vị có số liệu',
  },
  en: {
    'scorecard.formula.synced':
      'dossiers synced to the National Public Service Portal {synced} ÷ dossiers received in the period {inScope}',
    'scorecard.formula.onTime':
      'on time {onTime} = to process {toProcess} − late in process {lateInProcess} − late processed {lateProcessed}; to process = received in the period {received} + carried over {carriedOver}; rate = {onTime} ÷ {toProcess}',
    'scorecard.formula.online':
      'online dossiers (with an electronic result where the procedure gives a paper one) {online} ÷ dossiers received in the period {inScope}',
    'scorecard.formula.paidOnline':
      'dossiers paid online {paidOnline} ÷ dossiers of fee-bearing procedures received in the period {inScope}',
    'scorecard.formula.electronicResult':
      'dossiers with an electronic result {electronicResult} ÷ dossiers of paper-result procedures processed to a result in the period {inScope}',
    'scorecard.formula.digitised':
      'dossiers with digitised files and an electronic result {digitised} ÷ dossiers processed to a result in the period {inScope}',
    'scorecard.formula.reused': 'dossiers reusing digitised data {reused} ÷ dossiers received in the period {inScope}',
    'scorecard.formula.satisfaction':
      '(to process {toProcess} − dossiers overdue, rated unsatisfied or complained about, each counted once {unhappy}) ÷ to process {toProcess}; of which overdue {overdue}, unsatisfied {unsatisfied}, complained about {complained}',
    'scorecard.formula.offeredOnline':
      'procedures offered online (fully or partly) {offeredOnline} ÷ procedures in force at the period’s end {inScope} (a commune’s card: commune-level procedures)',
    'scorecard.formula.usedOnline':
      'procedures offered online that received an online dossier in the period {usedOnline} ÷ procedures offered online {offeredOnline}',
    'scorecard.formula.paknOnTime':
      'feedback (PAKN) decided on time (refused, asked for more information or answered by that step’s own deadline, before the period’s end) {onTime} ÷ (received in the period {received} − still open and not yet due at its end {pending})',
    'scorecard.formula.supplied': 'counts entered by hand: {numerator} ÷ {denominator}',
    'scorecard.formula.notSupplied': 'not computed from dossiers, and no counts were entered for this period',
    'scorecard.term.synced': 'Synced to the national portal',
    'scorecard.term.inScope': 'In scope',
    'scorecard.term.online': 'Online',
    'scorecard.term.paidOnline': 'Paid online',
    'scorecard.term.electronicResult': 'With an electronic result',
    'scorecard.term.digitised': 'Digitised',
    'scorecard.term.reused': 'Reusing data',
    'scorecard.term.received': 'Received in the period',
    'scorecard.term.carriedOver': 'Carried over',
    'scorecard.term.toProcess': 'To process',
    'scorecard.term.lateInProcess': 'Late, in process',
    'scorecard.term.lateProcessed': 'Late, processed',
    'scorecard.term.lateByRepeatSupplement': 'Late by a second supplement request',
    'scorecard.term.onTime': 'On time',
    'scorecard.term.overdue': 'Overdue',
    'scorecard.term.unsatisfied': 'Rated unsatisfied',
    'scorecard.term.complained': 'Complained about',
    'scorecard.term.unhappy': 'Overdue, unsatisfied or complained about',
    'scorecard.term.offeredOnline': 'Procedures offered online',
    'scorecard.term.usedOnline': 'Procedures with an online dossier',
    'scorecard.term.pending': 'Open, not yet due',
    'scorecard.term.numerator': 'Numerator',
    'scorecard.term.denominator': 'Denominator',
    'scorecard.term.entries': 'Entries added up',
    'scorecard.term.units': 'Units with counts',
  },
  id: {
    'scorecard.formula.synced':
      'berkas yang disinkronkan ke Portal Layanan Publik Nasional {synced} ÷ berkas yang diterima dalam periode {inScope}',
    'scorecard.formula.onTime':
      'tepat waktu {onTime} = untuk diproses {toProcess} − terlambat dalam proses {lateInProcess} − terlambat selesai {lateProcessed}; untuk diproses = diterima dalam periode {received} + sisa periode lalu {carriedOver}; tingkat = {onTime} ÷ {toProcess}',
    'scorecard.formula.online':
      'berkas daring (dengan hasil elektronik bila prosedur memberi hasil kertas) {online} ÷ berkas yang diterima dalam periode {inScope}',
    'scorecard.formula.paidOnline':
      'berkas yang dibayar daring {paidOnline} ÷ berkas prosedur berbayar yang diterima dalam periode {inScope}',
    'scorecard.formula.electronicResult':
      'berkas dengan hasil elektronik {electronicResult} ÷ berkas prosedur berhasil kertas yang diselesaikan dalam periode {inScope}',
    'scorecard.formula.digitised':
      'berkas dengan dokumen terdigitalisasi dan hasil elektronik {digitised} ÷ berkas yang diselesaikan dalam periode {inScope}',
    'scorecard.formula.reused': 'berkas yang menggunakan ulang data digital {reused} ÷ berkas yang diterima dalam periode {inScope}',
    'scorecard.formula.satisfaction':
      '(untuk diproses {toProcess} − berkas terlambat, dinilai tidak puas atau diadukan, masing-masing dihitung sekali {unhappy}) ÷ untuk diproses {toProcess}; terdiri dari terlambat {overdue}, tidak puas {unsatisfied}, diadukan {complained}',
    'scorecard.formula.offeredOnline':
      'prosedur yang tersedia daring (penuh atau sebagian) {offeredOnline} ÷ prosedur yang berlaku pada akhir periode {inScope} (kartu desa: prosedur tingkat desa)',
    'scorecard.formula.usedOnline':
      'prosedur daring yang menerima berkas daring dalam periode {usedOnline} ÷ prosedur yang tersedia daring {offeredOnline}',
    'scorecard.formula.paknOnTime':
      'pengaduan (PAKN) yang diputus tepat waktu (ditolak, diminta informasi tambahan atau dijawab dalam tenggat langkah itu, sebelum akhir periode) {onTime} ÷ (diterima dalam periode {received} − masih terbuka dan belum jatuh tempo pada akhir periode {pending})',
    'scorecard.formula.supplied': 'angka yang dimasukkan manual: {numerator} ÷ {denominator}',
    'scorecard.formula.notSupplied': 'tidak dihitung dari berkas, dan belum ada angka yang dimasukkan untuk periode ini',
    'scorecard.term.synced': 'Disinkronkan ke portal nasional',
    'scorecard.term.inScope': 'Dalam cakupan',
    'scorecard.term.online': 'Daring',
    'scorecard.term.paidOnline': 'Dibayar daring',
    'scorecard.term.electronicResult': 'Dengan hasil elektronik',
    'scorecard.term.digitised': 'Terdigitalisasi',
    'scorecard.term.reused': 'Menggunakan ulang data',
    'scorecard.term.received': 'Diterima dalam periode',
    'scorecard.term.carriedOver': 'Sisa periode lalu',
    'scorecard.term.toProcess': 'Untuk diproses',
    'scorecard.term.lateInProcess': 'Terlambat, dalam proses',
    'scorecard.term.lateProcessed': 'Terlambat, selesai',
    'scorecard.term.lateByRepeatSupplement': 'Terlambat karena permintaan kelengkapan kedua',
    'scorecard.term.onTime': 'Tepat waktu',
    'scorecard.term.overdue': 'Terlambat',
    'scorecard.term.unsatisfied': 'Dinilai tidak puas',
    'scorecard.term.complained': 'Diadukan',
    'scorecard.term.unhappy': 'Terlambat, tidak puas atau diadukan',
    'scorecard.term.offeredOnline': 'Prosedur daring',
    'scorecard.term.usedOnline': 'Prosedur dengan berkas daring',
    'scorecard.term.pending': 'Terbuka, belum jatuh tempo',
    'scorecard.term.numerator': 'Pembilang',
    'scorecard.term.denominator': 'Penyebut',
    'scorecard.term.entries': 'Entri yang dijumlahkan',
    'scorecard.term.units': 'Unit dengan angka',
  },
});
