// Preloaded with NODE_OPTIONS=--require: appends to $LAG_LOG each time this process's event loop
// was held more than 300 ms (a 50 ms timer firing late), with the process's command line.
const fs = require('node:fs');
const file = process.env.LAG_LOG;
let last = Date.now();
if (file)
  setInterval(() => {
    const now = Date.now();
    const lag = now - last - 50;
    if (lag > 300) fs.appendFileSync(file, `${new Date(now).toISOString()} ${process.argv.slice(1, 3).join(' ')} held ${lag} ms\n`);
    last = now;
  }, 50).unref();
