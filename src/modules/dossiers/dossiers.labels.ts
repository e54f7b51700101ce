import { hasMessage, type Translate } from '../../platform/i18n/index.ts';

function codeLabel(t: Translate, prefix: string, code: string | number): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : String(code);
}

export const statusLabel = (t: Translate, status: number) => codeLabel(t, 'dossierStatus', status);
export const channelLabel = (t: Translate, channel: string) => codeLabel(t, 'dossierChannel', channel);
export const eventLabel = (t: Translate, kind: string) => codeLabel(t, 'dossierEvent', kind);
