/**
 * KurrentDB for integration suites: they run only when KURRENTDB_URL is set
 * (e.g. kurrentdb://127.0.0.1:2113?tls=false) and are skipped with a message
 * otherwise, in CI too, since no KurrentDB server can run on these machines.
 */
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';

export const kurrentDbUrl: string | undefined = process.env.KURRENTDB_URL || undefined;

export function describeWithKurrentDb(name: string, body: (url: string) => void): void {
  if (kurrentDbUrl) {
    describe(name, () => body(kurrentDbUrl));
    return;
  }
  console.warn(`[${name}] skipped: set KURRENTDB_URL (e.g. kurrentdb://127.0.0.1:2113?tls=false) to run it`);
  describe.skip(name, () => body(''));
}

/** A fresh stream-name prefix, so each test has a log of its own. */
export const uniqueStreamPrefix = (): string => `suyuan-test-${randomBytes(6).toString('hex')}`;
