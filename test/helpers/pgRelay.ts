/**
 * A TCP relay between the app and a test's PostgreSQL server that cuts one connection at a chosen point of the
 * protocol: right after the server answered a COMMIT (the app never hears it: the write is on the server, its
 * outcome unknown to the app), or as a given statement is sent (the server never gets it).
 */
import net from 'node:net';

/** pg's simple-query message for kysely's COMMIT: 'Q', its length (4 + "commit\0"), the text. */
const COMMIT = Buffer.concat([Buffer.from([0x51, 0, 0, 0, 11]), Buffer.from('commit\0')]);

export interface Relay {
  port: number;
  /** Cuts the next connection that sends `marker` and then COMMIT, once the server has answered that COMMIT. */
  cutCommitAfter(marker: string): Promise<void>;
  /** Cuts the next connection that sends `marker`, before the server gets it. */
  cutAt(marker: string): Promise<void>;
  close(): Promise<void>;
}

export function startRelay(target: number): Promise<Relay> {
  let armed: { marker: Buffer; atCommit: boolean; cut: () => void } | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    let marked = false;
    let commitSent = false;
    const cut = () => {
      client.destroy();
      upstream.destroy();
      const done = armed;
      armed = null;
      done?.cut();
    };
    client.on('data', (chunk) => {
      if (armed && !marked && chunk.includes(armed.marker)) {
        if (!armed.atCommit) return cut();
        marked = true;
      }
      if (marked && chunk.includes(COMMIT)) commitSent = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!commitSent) {
        client.write(chunk);
        return;
      }
      // The server has answered the COMMIT: it is written. The app never hears it.
      cut();
    });
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cutCommitAfter: (marker) => new Promise<void>((cut) => (armed = { marker: Buffer.from(marker), atCommit: true, cut })),
        cutAt: (marker) => new Promise<void>((cut) => (armed = { marker: Buffer.from(marker), atCommit: false, cut })),
        close: () => {
          for (const s of sockets) s.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

/** The relay's cut, which must have happened by the time the call or job has answered. */
export function cutDone(cut: Promise<void>): Promise<void> {
  return Promise.race([cut, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('the relay never cut the connection')), 5_000))]);
}

