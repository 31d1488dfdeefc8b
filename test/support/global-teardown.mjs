export default async function globalTeardown() {
  await globalThis.langelisEmbedded?.stop();
}
