/**
 * `suyuan verify-bundle FILE --vkey VKEY`: check a provenance bundle
 * (GET /v1/codes/{code}/proof) offline, trusting nothing but the log's
 * public key. Exit 0 when it verifies, 1 when it does not, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveVerifierKey, verifyBundle } from '../verify/index.js';

export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify-bundle')
    .description('verify a proof bundle offline: event hashes, inclusion in the signed checkpoint, prev links')
    .argument('<file>', 'the bundle (JSON from GET /v1/codes/{code}/proof); "-" reads standard input')
    .requiredOption('--vkey <vkey>', "the log's public key (GET /v1/log/key), or @file to read it from a file")
    .option('--json', 'print the verdict as JSON')
    .action((file: string, options: { vkey: string; json?: boolean }) => {
      const vkey = resolveVerifierKey({ vkey: options.vkey });
      let bundle: unknown;
      try {
        bundle = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (error) {
        program.error(`cannot read ${file}: ${(error as Error).message}`, { exitCode: 2 });
      }
      const verdict = verifyBundle(bundle, vkey);
      if (options.json) console.log(JSON.stringify(verdict));
      else if (verdict.ok) {
        console.log(
          `ok: ${verdict.code} — ${verdict.events} events of ${verdict.lots} lots (${verdict.disclosed} disclosed, ` +
            `${verdict.redacted} redacted) are in the log signed at size ${verdict.size}`,
        );
      } else {
        console.error(
          `FAILED${verdict.position === undefined ? '' : ` at position ${verdict.position}`}: ${verdict.detail} (${verdict.reason})`,
        );
      }
      if (!verdict.ok) process.exitCode = 1;
    });
}
