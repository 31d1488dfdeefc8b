import type { CastName } from '../cast.js';
import type { World } from '../world.js';

/** A fresh inquiry of its own, announced on both platforms and claimed by `owner`. */
export async function ownedBy(world: World, owner: CastName, overrides: Record<string, unknown> = {}): Promise<{ inquiryId: string }> {
  const inquiry = await world.newInquiry(overrides);
  await world.app.inquiries.claim(inquiry.id, world.staff[owner].id);
  return { inquiryId: inquiry.id };
}

/** As `ownedBy`, for a cast member the directory lists as inactive: active for the claim, inactive again after. */
export async function ownedByInactive(world: World, owner: CastName): Promise<{ inquiryId: string }> {
  await world.setActive(owner, true);
  try {
    return await ownedBy(world, owner);
  } finally {
    await world.setActive(owner, false);
  }
}

/** An inquiry the owner has answered (R14.reply-1wd met) and, with `resolved`, resolved. */
export async function answeredBy(world: World, owner: CastName, { resolved = false } = {}): Promise<{ inquiryId: string }> {
  const owned = await ownedBy(world, owner);
  await world.app.inquiries.recordFirstReply(owned.inquiryId, world.staff[owner].id);
  if (resolved) await world.app.inquiries.resolve(owned.inquiryId, world.staff[owner].id);
  return owned;
}
