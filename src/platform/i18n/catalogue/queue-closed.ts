import { defineMessages } from '../define.ts';

/** The counter page's closed tickets: the latest few inline, the whole day on its own paged page. */
export const queueClosed = defineMessages({
  vi: {
    'queue.closed.latest': 'Hiện {shown} phiếu xong gần nhất trong tổng số {total}.',
    'queue.closed.all': 'Xem tất cả phiếu đã xong hôm nay',
    'queue.closed.title': 'Phiếu đã xong hôm nay',
    'queue.closed.back': 'Về trang gọi số',
    'queue.closed.none': 'Hôm nay chưa có phiếu nào xong.',
    'queue.closed.dossierCode': 'Mã hồ sơ đã tiếp nhận cho phiếu {label}',
  },
  en: {
    'queue.closed.latest': 'Showing the latest {shown} closed tickets of {total}.',
    'queue.closed.all': 'See all tickets closed today',
    'queue.closed.title': 'Tickets closed today',
    'queue.closed.back': 'Back to the counter',
    'queue.closed.none': 'No ticket has been closed today.',
    'queue.closed.dossierCode': 'Code of the dossier received for ticket {label}',
  },
  id: {
    'queue.closed.latest': 'Menampilkan {shown} tiket terakhir yang selesai dari {total}.',
    'queue.closed.all': 'Lihat semua tiket yang selesai hari ini',
    'queue.closed.title': 'Tiket yang selesai hari ini',
    'queue.closed.back': 'Kembali ke loket',
    'queue.closed.none': 'Belum ada tiket yang selesai hari ini.',
    'queue.closed.dossierCode': 'Kode berkas yang diterima untuk tiket {label}',
  },
});
