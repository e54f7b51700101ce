import { defineMessages } from '../define.ts';

/** Plan documents and the comparison form, mounted on the plan-version pages (issue 6 §3–4). */
export const trainingPlanExports = defineMessages({
  vi: {
    'error.TRAINING_PLAN_NOT_READY': 'Phương án kế hoạch đào tạo chưa tính xong.',
    'planExports.xlsx': 'Tải kế hoạch (XLSX)',
    'planExports.pdf': 'Tải kế hoạch (PDF)',
    'planExports.compare.title': 'So sánh hai phương án',
    'planExports.compare.a': 'Phương án A (gốc)',
    'planExports.compare.b': 'Phương án B (so với A)',
    'planExports.compare.submit': 'So sánh',
  },
  en: {
    'error.TRAINING_PLAN_NOT_READY': 'The training plan version is not finished yet.',
    'planExports.xlsx': 'Download the plan (XLSX)',
    'planExports.pdf': 'Download the plan (PDF)',
    'planExports.compare.title': 'Compare two versions',
    'planExports.compare.a': 'Version A (reference)',
    'planExports.compare.b': 'Version B (against A)',
    'planExports.compare.submit': 'Compare',
  },
  id: {
    'error.TRAINING_PLAN_NOT_READY': 'Versi rencana pelatihan belum selesai dihitung.',
    'planExports.xlsx': 'Unduh rencana (XLSX)',
    'planExports.pdf': 'Unduh rencana (PDF)',
    'planExports.compare.title': 'Bandingkan dua versi',
    'planExports.compare.a': 'Versi A (acuan)',
    'planExports.compare.b': 'Versi B (terhadap A)',
    'planExports.compare.submit': 'Bandingkan',
  },
});
