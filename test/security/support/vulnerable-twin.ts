import http from 'node:http';
import type net from 'node:net';
import Database from 'better-sqlite3';

/**
 * A deliberately broken server (loopback, in this process) that the scanners must flag: it
 * builds SQL by string concatenation and echoes a parameter into HTML unescaped. Attacking
 * it first proves the suite's parsing of sqlmap's and wapiti's verdicts can say "injectable";
 * without it, "zero findings against Cadre" could mean a scanner that never worked.
 */
export async function startVulnerableTwin(): Promise<{ base: string; close: () => Promise<void> }> {
  const db = new Database(':memory:');
  db.exec("create table staff (id integer primary key, name text); insert into staff (name) values ('An'), ('Bình'), ('Chi')");
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/staff') {
      try {
        // The defect under test: user text pasted into SQL.
        const rows = db.prepare(`select id, name from staff where name like '%${url.searchParams.get('q') ?? ''}%'`).all();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
      } catch {
        res.writeHead(500).end('error');
      }
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><a href="/hello?name=x">hello</a></body></html>');
      return;
    }
    if (url.pathname === '/hello') {
      // The other defect under test: a parameter echoed into HTML unescaped.
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><p>Xin chào ${url.searchParams.get('name')}</p></body></html>`);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        db.close();
      }),
  };
}
