import type { TeamsRouter } from '../router.js';
import type { TeamsServices } from '../services.js';
import * as clicks from './clicks.js';
import * as commands from './commands.js';
import * as forms from './forms.js';
import * as install from './install.js';
import * as rememberSender from './remember-sender.js';

/**
 * Every listener, in one table (Slack has the same one): the core's clicks, commands and forms, then what the
 * platform alone has — being added to a team, and learning how to reach whoever writes.
 */
const LISTENERS = [clicks, commands, forms, install, rememberSender];

/** Wires every listener to the router, which resolves the actor and words every refusal. */
export function register(router: TeamsRouter, services: TeamsServices): void {
  for (const listener of LISTENERS) listener.register(router, services);
}
