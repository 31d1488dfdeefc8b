import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a platform on a half-open connection: it accepts TCP connections and, while `silent`, reads
 * what is sent and never answers. When told to `answer`, new connections are passed through to `target`
 * (a FakeSlackApi or FakeConnector). The bot's timeouts close the silent connections themselves.
 */
export class SilentProxy {
  silent = true;
  /** Connections accepted while silent (each a request that got no answer). */
  swallowed = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((socket) => this.accept(socket));
  url = '';

  constructor(private readonly target: () => string) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  answer(): void {
    this.silent = false;
  }

  /** Silent from now on; open connections are cut, so a client's kept-alive connection cannot slip through. */
  hang(): void {
    this.silent = true;
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.silent) {
      this.swallowed += 1;
      socket.resume();
      return;
    }
    const { hostname, port } = new URL(this.target());
    const upstream = net.connect(Number(port), hostname);
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  }
}
