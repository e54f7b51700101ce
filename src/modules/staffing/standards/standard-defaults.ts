/**
 * Plausible minutes of work per dossier for every procedure of the demo catalogue
 * (src/modules/procedures/catalogue-data.ts): a Cadre placeholder, NOT a measurement. They
 * follow the processing template (same-day ≈ 5–30 min, standard ≈ 30–60, verification or
 * public notice ≈ 60–180, forwarded to another body ≈ 15–20 for the commune's share) and are
 * stored with source CADRE_PLACEHOLDER so the standards page shows them as estimates to be
 * replaced by a time study (domain.md §10.3: "a configurable standard, with its source").
 */
export const PLACEHOLDER_STANDARD_NOTE =
  'Ước tính hợp lý của Cadre (plausible estimate), cần thay bằng số liệu bấm giờ thực tế (replace with a time study).';
export const PLACEHOLDER_EFFECTIVE_FROM = '2025-07-01';

export const PLACEHOLDER_MINUTES: Readonly<Record<string, number>> = {
  // Civil status
  '1.001193': 25,
  '1.000894': 30,
  '1.000656': 20,
  'DEMO.HT.04': 45,
  'DEMO.HT.06': 60,
  'DEMO.HT.07': 60,
  'DEMO.HT.08': 50,
  'DEMO.HT.09': 40,
  '2.000635': 15,
  '1.004873': 30,
  'DEMO.HT.12': 40,
  'DEMO.HT.13': 40,
  'DEMO.HT.14': 35,
  'DEMO.HT.15': 35,
  // Certification
  'DEMO.CT.01': 5,
  'DEMO.CT.02': 8,
  'DEMO.CT.04': 15,
  'DEMO.CT.05': 20,
  'DEMO.CT.06': 30,
  'DEMO.CT.08': 25,
  'DEMO.CT.09': 20,
  'DEMO.CT.10': 20,
  // Justice
  'DEMO.TP.01': 60,
  'DEMO.TP.02': 45,
  'DEMO.TP.03': 45,
  // Land
  'DEMO.DD.01': 180,
  'DEMO.DD.02': 150,
  'DEMO.DD.03': 120,
  'DEMO.DD.04': 20,
  // Construction
  'DEMO.XD.01': 150,
  'DEMO.XD.03': 90,
  'DEMO.XD.04': 60,
  'DEMO.XD.05': 120,
  // Household business
  'DEMO.HKD.01': 45,
  'DEMO.HKD.02': 30,
  'DEMO.HKD.03': 30,
  'DEMO.HKD.04': 20,
  // Social protection
  'DEMO.BTXH.01': 90,
  'DEMO.BTXH.02': 45,
  'DEMO.BTXH.03': 90,
  'DEMO.BTXH.04': 90,
  'DEMO.BTXH.05': 120,
  'DEMO.BTXH.07': 20,
  'DEMO.BTXH.08': 45,
  // Education
  'DEMO.GD.01': 60,
  'DEMO.GD.02': 45,
  'DEMO.GD.03': 90,
  // Culture
  'DEMO.VH.01': 60,
  'DEMO.VH.02': 90,
  'DEMO.VH.03': 45,
  // Health
  'DEMO.YT.01': 90,
  'DEMO.YT.02': 15,
  // Labour
  'DEMO.LD.01': 90,
  'DEMO.LD.02': 20,
  // Environment, agriculture, home affairs
  'DEMO.MT.01': 60,
  'DEMO.NN.01': 90,
  'DEMO.NV.01': 45,
  'DEMO.NV.02': 90,
  // Residence (commune police): the commune only forwards
  'DEMO.CTR.01': 15,
  'DEMO.CTR.02': 15,
  'DEMO.CTR.03': 15,
  'DEMO.CTR.04': 15,
};
