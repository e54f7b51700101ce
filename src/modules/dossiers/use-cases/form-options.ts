import { type Actor, SYSTEM_ACTOR } from '../../../platform/auth/actor.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { fieldLabel } from '../../procedures/procedures.labels.ts';
import { PROCEDURE_FIELDS } from '../../procedures/procedures.schemas.ts';
import { listProcedures } from '../../procedures/use-cases/list-procedures.ts';
import { findDefaultProvince, listCurrentUnits } from '../dossiers.repository.ts';
import type { DossiersDeps } from './deps.ts';
import { COMMUNE_KINDS } from './intake.ts';

export type FormOptions = {
  provinceCode: string;
  procedures: { label: string; items: { code: string; name: string }[] }[];
  units: { id: number; name: string }[];
};

/**
 * What the intake forms offer: the procedures in force today grouped by field, and the
 * province's current communes and wards. The public form reads the catalogue as the
 * system (it is public information); `onlineOnly` drops procedures not offered online.
 */
export async function intakeFormOptions(
  deps: DossiersDeps,
  actor: Actor | null,
  provinceCode: string | undefined,
  t: Translate,
  locale: Locale,
  onlineOnly: boolean,
): Promise<FormOptions> {
  const province = actor?.provinceCode ?? provinceCode ?? (await findDefaultProvince(deps.db)) ?? '';
  const reader = actor ?? SYSTEM_ACTOR(province);
  const all = [];
  for (let page = 1; ; page++) {
    const res = await listProcedures(deps, reader, { page, pageSize: 100 });
    all.push(...res.items);
    if (page * res.pageSize >= res.total) break;
  }
  const offered = onlineOnly ? all.filter((p) => p.onlineLevel !== 'NONE') : all;
  const procedures = PROCEDURE_FIELDS.map((field) => ({
    label: fieldLabel(t, field),
    items: offered.filter((p) => p.field === field).map((p) => ({ code: p.nationalCode, name: locale === 'vi' ? p.nameVi : p.nameEn })),
  })).filter((g) => g.items.length > 0);
  const units = sortByText(await listCurrentUnits(deps.db, province, COMMUNE_KINDS), (u) => u.name, 'vi').map((u) => ({
    id: u.id,
    name: u.name,
  }));
  return { provinceCode: province, procedures, units };
}
