import { parseArgs } from 'node:util';
import { CITY_LINK_DAYS, CITY_LINK_MAX_DAYS, CITY_OVERVIEW_PATH, CityLinks } from '../domain/city-link.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { publicUrl } from '../config.js';
import { cliConfig, runWhenEntryPoint } from './cli-support.js';

const USAGE = `Usage: npm run city:link -- [--days N]   (N from 1 to ${CITY_LINK_MAX_DAYS}; ${CITY_LINK_DAYS} unless given)\n`;

/** What the command prints, and its exit code: kept apart from the process so tests run it in place. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run city:link`: a link to the city overview (issue #17, item 8) for whoever reads every institution's figures
 * for the city — no institution's staff member, so no chat command makes it. The operator runs this and hands the
 * link over. It is signed with LETTER_LINK_SECRET, which the running service must share; without one set the service
 * signs with a secret of its own process, which no link made here could match, so the command refuses.
 */
export function cityLink(args: string[], env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): CommandResult {
  const refused = (code: number, stderr: string): CommandResult => ({ code, stdout: '', stderr });
  let values;
  try {
    ({ values } = parseArgs({ args, options: { days: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return refused(2, `${(error as Error).message}\n${USAGE}`);
  }
  const days = values.days === undefined ? CITY_LINK_DAYS : Number(values.days);
  if (values.help || !Number.isInteger(days) || days < 1 || days > CITY_LINK_MAX_DAYS) return refused(2, USAGE);
  const config = cliConfig(env);
  if (typeof config === 'number') return refused(config, '');
  if (!config.LETTER_LINK_SECRET) {
    return refused(2, 'LETTER_LINK_SECRET is not set: the city overview link is signed with it, and the running service must have the same one.\n');
  }
  const query = new CityLinks(config.LETTER_LINK_SECRET, days * 24 * 3_600_000, clock).sign();
  const url = `${publicUrl(config)}${CITY_OVERVIEW_PATH}?${new URLSearchParams({ ...query }).toString()}`;
  const until = new Date(Number(query.expires) * 1000).toISOString();
  return { code: 0, stdout: `${url}\n`, stderr: `City overview link ${query.holder}, valid until ${until} (${days} days). Whoever holds it sees every institution's figures.\n` };
}

runWhenEntryPoint(import.meta.url, 'city link', async () => {
  const result = cityLink(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
});
