import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { bodyKindLabel, unitKindLabel } from '../../units/units.labels.ts';
import { employmentLabel, genderLabel, rankLabel } from '../staff.labels.ts';
import type { StaffDetail } from '../staff.schemas.ts';

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );
}

/** `extra`: sections other modules add for roles that may see them (fit to position, service evidence). */
export function StaffProfilePage({ ctx, staff, extra }: { ctx: ViewContext; staff: StaffDetail; extra?: unknown }) {
  const { t } = ctx;
  const masked = (v: string | null) => (staff.masked && v === null ? t('common.masked') : v);
  const birth = staff.masked ? staff.birthDate : formatDate(staff.birthDate);
  return (
    <Layout ctx={ctx} title={staff.fullName}>
      <p>
        <a href="/staff">{t('staff.backToList')}</a>
      </p>
      <h1>{staff.fullName}</h1>
      {staff.masked && <p class="muted">{t('staff.maskedNote')}</p>}
      <dl class="kv">
        <Row label={t('staff.col.title')} value={staff.currentTitle} />
        <Row label={t('staff.col.body')} value={staff.orgBody ? staff.orgBody.name || bodyKindLabel(t, staff.orgBody.kind) : null} />
        <Row label={t('staff.col.unit')} value={staff.unit.name} />
        <Row label={t('staff.col.rank')} value={rankLabel(t, staff.rank)} />
        <Row label={t('staff.col.employmentStatus')} value={employmentLabel(t, staff.employmentStatus)} />
        <Row label={t('staff.col.gender')} value={genderLabel(t, staff.gender)} />
        <Row label={staff.masked ? t('staff.col.birthYear') : t('staff.col.birthDate')} value={birth} />
        <Row label={t('staff.col.citizenId')} value={staff.citizenId} />
        <Row label={t('staff.col.phone')} value={masked(staff.phone)} />
        <Row label={t('staff.col.email')} value={masked(staff.email)} />
        <Row label={t('staff.col.ethnicity')} value={masked(staff.ethnicity)} />
        <Row label={t('staff.col.education')} value={staff.education} />
        <Row label={t('staff.col.qualification')} value={staff.qualification} />
        <Row label={t('staff.col.qualificationField')} value={staff.qualificationField} />
        <Row label={t('staff.col.politicalTheory')} value={staff.politicalTheory} />
        <Row label={t('staff.col.stateManagementTraining')} value={staff.stateManagementTraining} />
        <Row label={t('staff.col.itCertificate')} value={staff.itCertificate} />
        <Row label={t('staff.col.foreignLanguageCertificate')} value={staff.foreignLanguageCertificate} />
      </dl>

      <h2 id="history">{t('staff.history')}</h2>
      {staff.appointments.length === 0 ? (
        <p>{t('staff.history.none')}</p>
      ) : (
        <table aria-labelledby="history">
          <thead>
            <tr>
              <th scope="col">{t('staff.history.from')}</th>
              <th scope="col">{t('staff.history.to')}</th>
              <th scope="col">{t('staff.history.title')}</th>
              <th scope="col">{t('staff.history.body')}</th>
              <th scope="col">{t('staff.history.unit')}</th>
              <th scope="col">{t('staff.history.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.appointments.map((a) => (
              <tr>
                <td>{formatDate(a.startDate)}</td>
                <td>{a.endDate ? formatDate(a.endDate) : t('staff.history.present')}</td>
                <th scope="row">{a.title}</th>
                <td>{a.orgBody ? a.orgBody.name || bodyKindLabel(t, a.orgBody.kind) : '—'}</td>
                <td>
                  <a href={`/units/${a.unit.id}`}>{a.unit.name}</a> <span class="muted">({unitKindLabel(t, a.unit.kind)})</span>
                </td>
                <td>{a.decision ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {extra}
    </Layout>
  );
}
