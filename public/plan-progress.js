// Live progress of a training plan generation (/training/plans/jobs/:id): follows the job's
// server-sent events and opens the plan when it is done. External file: the CSP forbids inline scripts.
(() => {
  const root = document.getElementById('plan-progress');
  if (!root || !('EventSource' in window)) return;
  const bar = document.getElementById('plan-progress-bar');
  const message = document.getElementById('plan-progress-message');
  const status = document.getElementById('plan-progress-status');
  const source = new EventSource(root.dataset.events);
  const show = (job) => {
    if (bar) bar.value = Math.round((job.progress?.fraction ?? 0) * 100);
    if (message && job.message) message.textContent = job.message;
    if (status && job.statusText) status.textContent = job.statusText;
  };
  source.addEventListener('progress', (e) => show(JSON.parse(e.data)));
  source.addEventListener('done', (e) => {
    source.close();
    const data = JSON.parse(e.data);
    if (data.planUrl) window.location.assign(data.planUrl);
  });
  source.addEventListener('failed', (e) => {
    source.close();
    const data = JSON.parse(e.data);
    if (data.job) show(data.job);
    if (message) message.textContent = `${root.dataset.failed} ${data.job?.error ?? ''}`;
  });
})();
