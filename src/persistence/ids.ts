const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from chat payloads; a malformed one is simply not found rather than a SQL error. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
