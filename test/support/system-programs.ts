import { existsSync } from 'node:fs';

/** A server or browser from the operating system's packages that some tests run for real. */
export interface SystemProgram {
  name: string;
  path: string;
  /** The command that installs it (Debian's package; `.ci/run` runs it). */
  install: string;
}

export const DOVECOT: SystemProgram = { name: 'Dovecot', path: '/usr/sbin/dovecot', install: 'apt-get install -y dovecot-imapd' };
export const CHROMIUM: SystemProgram = { name: 'Chromium', path: '/usr/bin/chromium', install: 'apt-get install -y chromium' };

/** In CI (`.ci/run` sets up the programs) a missing one fails the run; on a developer's machine it skips. */
const mandatory = () => process.env.CI === 'true' || process.env.CI === '1';

/** Whether the program is there; the message to act on when it is not. */
export function availability(program: SystemProgram): { present: boolean; message: string } {
  return {
    present: existsSync(program.path),
    message: `${program.name} is not installed (${program.path} missing): run "${program.install}" (.ci/run does)`,
  };
}

/**
 * `describe` for tests that need `program`. Without it: outside CI the block is skipped with one loud line on
 * stderr naming the program and its install command (a fresh machine with only Node passes `npm test`); in CI
 * the block fails with the same words, so a missing install step cannot hide behind skipped tests.
 */
export function describeWith(program: SystemProgram, name: string, body: () => void): void {
  const { present, message } = availability(program);
  if (present) {
    describe(name, body);
  } else if (mandatory()) {
    describe(name, () => {
      it(`needs ${program.name}`, () => {
        throw new Error(message);
      });
    });
  } else {
    process.stderr.write(`\n!!! SKIPPED "${name}": ${message}\n`);
    describe.skip(name, body);
  }
}
