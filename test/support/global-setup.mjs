// Plain JavaScript: jest loads global setup outside its module mapper, so this uses the compiled
// `dist/` (`npm test` builds first) rather than the TypeScript sources.
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../dist/persistence/embedded-database.js';

/**
 * Tests use DATABASE_URL when it is set (its database name must contain "test"); otherwise they start
 * a throwaway embedded PostgreSQL. Either way each test file then creates its own database on that server.
 */
export default async function globalSetup() {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = new URL(given).pathname.slice(1);
    if (!name.includes('test')) {
      throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
    }
    process.env.LANGELIS_TEST_SERVER_URL = given;
    return;
  }
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'langelis-test-')), 'postgres');
  const embedded = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'langelis_test' });
  process.env.LANGELIS_TEST_SERVER_URL = embedded.url;
  globalThis.langelisEmbedded = embedded;
}

/** A TCP port nobody listens on right now (also used by the benchmarks). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
