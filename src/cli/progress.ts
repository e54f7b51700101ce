import cliProgress from 'cli-progress';

/** A progress bar on stderr for long operations; silent when stderr is not a terminal. */
export function createProgress(label: string) {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} {stage}`, stream: process.stderr, noTTYOutput: false, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number, stage = '') => {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { stage });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
