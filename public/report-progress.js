// Progress of a periodic report (/reports/:id): polls the report's status and reloads the page when
// its stage changes (the server renders the translated message and, once done, the download links).
// External file: the CSP forbids inline scripts.
(() => {
  const root = document.getElementById('report-progress');
  if (!root || !window.fetch) return;
  const bar = document.getElementById('report-progress-bar');
  const { statusUrl, status, stage } = root.dataset;
  const poll = async () => {
    try {
      const res = await fetch(statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const report = await res.json();
        const progress = report.job?.progress;
        if (bar && progress) bar.value = Math.round(progress.fraction * 100);
        if (report.status !== status || (progress && progress.messageKey !== stage)) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // a dropped connection: try again at the next tick
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1000);
})();
