// A real SMTP server in its own process, for the apology-slip email tests: listens on
// 127.0.0.1 at a random port, prints `LISTENING <port>`, then one JSON line per message
// received ({ to, raw } with the raw message in base64). No TLS and no authentication: it
// only ever listens on the loopback interface, for the length of a test file.
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      process.stdout.write(`${JSON.stringify({ to, raw: Buffer.concat(chunks).toString('base64') })}\n`);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
