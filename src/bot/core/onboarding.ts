import type { PlatformContext } from '../platform.js';

/** The person who installed the app, as the platform knows them. */
export interface Installer {
  readonly firstName: string;
  readonly surname: string;
  readonly email: string;
  /** The platform's own id of the person (`slackUserId`, `teamsUserId`). */
  readonly platformIds: { readonly slackUserId?: string; readonly teamsUserId?: string };
}

/**
 * Onboarding without a developer (issue #17): whoever installed the app for an institution that has no admin yet
 * becomes its first admin — someone must be able to set it up in chat — and is walked through the setup by a private
 * message: the staff channel, the settings (office hours, closure days), the staff directory with managers, a test
 * inquiry. An institution that already has admins is left as it is: its admins manage who is one.
 * `commandPrefix` is how commands are typed on the platform (`/inquiry`, `@Langelis`). Returns whether it onboarded.
 */
export async function onboardInstaller(context: Pick<PlatformContext, 'queries' | 'staff'>, installer: Installer, tell: (staffId: string) => Promise<void>): Promise<boolean> {
  if ((await context.queries.staffWithRole('admin')).length > 0) return false;
  await context.staff.importMembers([{ firstName: installer.firstName, surname: installer.surname, email: installer.email, roles: ['admin', 'manager', 'representative'], ...installer.platformIds }]);
  const [admin] = await context.queries.staffWithRole('admin');
  if (!admin) return false;
  await tell(admin.id);
  return true;
}
