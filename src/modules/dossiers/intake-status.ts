/**
 * The few status codes and channels intake needs (domain.md §6.2). Kept minimal on purpose:
 * the lifecycle (lifecycle/state-machine.ts, written separately) owns the full set of ten
 * statuses and their transitions; once it exists these should be imported from there.
 */
export const INTAKE_STATUS = { SUBMITTED_ONLINE: 1, RECEIVED: 2, REFUSED: 3 } as const;

export const CHANNELS = { IN_PERSON: 1, ONLINE: 2, POST: 3 } as const;
export type ChannelName = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];
/** Channels a counter officer records; online dossiers come in through the public form. */
export const COUNTER_CHANNELS = ['IN_PERSON', 'POST'] as const;

export function channelName(code: number): ChannelName {
  const name = CHANNEL_NAMES.find((n) => CHANNELS[n] === code);
  if (!name) throw new Error(`unknown channel code ${code}`);
  return name;
}

export const STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
