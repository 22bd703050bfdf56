import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 now, for a server started next (whose address must be known before
 * it starts, e.g. to write PUBLIC_URL). Another process could take it in between; on a test
 * machine that does not happen in practice.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
