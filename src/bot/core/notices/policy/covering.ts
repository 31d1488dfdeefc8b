import type { Text } from '../notice.js';
import { say } from './shapes.js';

/**
 * R4.owner, away with cover: a notice sent to a substitute in place of an away colleague says so ("covering for
 * Ona Onaitė"), so the substitute knows why it reached them and whose inquiry it is.
 */
export function coveringNote(event: { readonly coveringForId?: string }): Text[] {
  return event.coveringForId === undefined ? [] : [say('notice.covering_for', { name: { person: event.coveringForId } })];
}
