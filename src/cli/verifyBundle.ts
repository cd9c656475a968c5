/**
 * `suyuan verify-bundle FILE --vkey VKEY`: check a provenance bundle
 * (GET /v1/codes/{code}/proof) offline, trusting nothing but the log's
 * public key. Exit 0 when it verifies, 1 when it does not, 2 on usage errors.
 */
import type { Command } from 'commander';
import { type BundleVerdict, checkWitnessed, resolveVerifierKey, verifyBundle } from '../verify/index.js';
import { minWitnesses, readJsonArgument, withWitnessOptions } from './witnessOptions.js';

type WitnessedVerdict =
  | (Extract<BundleVerdict, { ok: true }> & { readonly witnessedBy: readonly string[] })
  | (
      | Extract<BundleVerdict, { ok: false }>
      | { readonly ok: false; readonly reason: 'witnesses'; readonly detail: string; readonly position?: number }
    );

/** withWitnesses: a verified bundle fails unless `min` of `witnesses` cosigned its checkpoint. */
function withWitnesses(verdict: BundleVerdict, bundle: unknown, witnesses: readonly string[], min: number): WitnessedVerdict {
  if (!verdict.ok) return verdict;
  if (witnesses.length === 0) return { ...verdict, witnessedBy: [] };
  const note = String((bundle as { checkpoint?: unknown }).checkpoint ?? '');
  const witnessed = checkWitnessed(note, witnesses, min);
  return witnessed.ok ? { ...verdict, witnessedBy: witnessed.witnessedBy } : { ok: false, reason: 'witnesses', detail: witnessed.detail };
}

export function registerVerifyBundleCommand(program: Command): void {
  withWitnessOptions(program.command('verify-bundle'))
    .description('verify a proof bundle offline: event hashes, inclusion in the signed checkpoint, prev links')
    .argument('<file>', 'the bundle (JSON from GET /v1/codes/{code}/proof); "-" reads standard input')
    .requiredOption('--vkey <vkey>', "the log's public key (GET /v1/log/key), or @file to read it from a file")
    .option('--json', 'print the verdict as JSON')
    .action((file: string, options: { vkey: string; json?: boolean; witness: string[]; minWitnesses?: string }) => {
      const vkey = resolveVerifierKey({ vkey: options.vkey });
      const bundle = readJsonArgument(program, file);
      const min = minWitnesses(program, options);
      const verdict = withWitnesses(verifyBundle(bundle, vkey), bundle, options.witness, min);
      if (options.json) console.log(JSON.stringify(verdict));
      else if (verdict.ok) {
        console.log(
          `ok: ${verdict.code} — ${verdict.events} events of ${verdict.lots} lots (${verdict.disclosed} disclosed, ` +
            `${verdict.redacted} redacted) are in the log signed at size ${verdict.size}` +
            (verdict.witnessedBy.length > 0 ? `, cosigned by ${verdict.witnessedBy.join(', ')}` : ''),
        );
      } else {
        console.error(
          `FAILED${verdict.position === undefined ? '' : ` at position ${verdict.position}`}: ${verdict.detail} (${verdict.reason})`,
        );
      }
      if (!verdict.ok) process.exitCode = 1;
    });
}
