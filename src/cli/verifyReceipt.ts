/**
 * `suyuan verify-receipt FILE --vkey VKEY [--witness VKEY]… [--min-witnesses K]`: check a write
 * receipt offline (each event's inclusion in the signed checkpoint), and, with witnesses, that the
 * checkpoint was cosigned (issue 16). A receipt is answered before any witness can cosign: to
 * witness it, replace its `checkpoint` with the log's checkpoint of the same size once witnesses
 * cosigned it (`GET /v1/log/checkpoint` while the log has not grown, or a later verified copy).
 * Exit 0 when it verifies, 1 when it does not, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type Receipt, verifyReceipt } from '../ledger/index.js';
import { checkWitnessed, resolveVerifierKey } from '../verify/index.js';

export function registerVerifyReceiptCommand(program: Command): void {
  program
    .command('verify-receipt')
    .description("verify a write receipt offline: every event's inclusion in the signed checkpoint, and its witnesses' cosignatures")
    .argument('<file>', 'the receipt, or a write answer holding it (`ledger`); "-" reads standard input')
    .requiredOption('--vkey <vkey>', "the log's public key (GET /v1/log/key), or @file to read it from a file")
    .option(
      '--witness <vkey>',
      'a witness whose cosignature of the checkpoint counts (repeatable)',
      (vkey: string, all: string[]) => [...all, vkey],
      [],
    )
    .option('--min-witnesses <k>', 'how many of the --witness keys must have cosigned (default 1 when any is given)')
    .option('--json', 'print the verdict as JSON')
    .action((file: string, options: { vkey: string; witness: string[]; minWitnesses?: string; json?: boolean }) => {
      const vkey = resolveVerifierKey({ vkey: options.vkey });
      let input: { receipt?: Receipt; ledger?: Receipt } & Partial<Receipt>;
      try {
        input = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (error) {
        program.error(`cannot read ${file}: ${(error as Error).message}`, { exitCode: 2 });
      }
      const min = options.minWitnesses === undefined ? Math.min(1, options.witness.length) : Number(options.minWitnesses);
      if (!Number.isInteger(min) || min < 0 || min > options.witness.length) {
        program.error(`--min-witnesses must be a whole number from 0 to the ${options.witness.length} --witness keys given`, {
          exitCode: 2,
        });
      }
      // A write answer carries its receipt as `ledger`.
      const receipt = (input.receipt ?? input.ledger ?? input) as Receipt;
      const verdict = verifyReceipt(receipt, vkey);
      const witnessed =
        verdict.ok && options.witness.length > 0 ? checkWitnessed(String(receipt.checkpoint), options.witness, min) : undefined;
      const ok = verdict.ok && (witnessed === undefined || witnessed.ok);
      if (options.json) console.log(JSON.stringify({ ...verdict, ...(witnessed ? { witnesses: witnessed } : {}), ok }));
      else if (ok)
        console.log(
          `ok: ${receipt.events.length} events in the log signed at size ${receipt.size}${witnessed ? `, cosigned by ${witnessed.witnessedBy.join(', ')}` : ''}`,
        );
      else console.error(`FAILED: ${verdict.ok ? (witnessed as { detail: string }).detail : verdict.detail}`);
      if (!ok) process.exitCode = 1;
    });
}
