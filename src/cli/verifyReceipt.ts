/**
 * `suyuan verify-receipt FILE --vkey VKEY [--witness VKEY]… [--min-witnesses K]`: check a write
 * receipt offline (each event's inclusion in the signed checkpoint), and, with witnesses, that the
 * checkpoint was cosigned (issue 16). A receipt is answered before any witness can cosign: to
 * witness it, replace its `checkpoint` with the log's checkpoint of the same size once witnesses
 * cosigned it (`GET /v1/log/checkpoint` while the log has not grown, or a later verified copy).
 * Exit 0 when it verifies, 1 when it does not, 2 on usage errors.
 */
import type { Command } from 'commander';
import { type Receipt, verifyReceipt } from '../ledger/index.js';
import { checkWitnessed, resolveVerifierKey } from '../verify/index.js';
import { minWitnesses, readJsonArgument, withWitnessOptions } from './witnessOptions.js';

export function registerVerifyReceiptCommand(program: Command): void {
  withWitnessOptions(program.command('verify-receipt'))
    .description("verify a write receipt offline: every event's inclusion in the signed checkpoint, and its witnesses' cosignatures")
    .argument('<file>', 'the receipt, or a write answer holding it (`ledger`); "-" reads standard input')
    .requiredOption('--vkey <vkey>', "the log's public key (GET /v1/log/key), or @file to read it from a file")
    .option('--json', 'print the verdict as JSON')
    .action((file: string, options: { vkey: string; witness: string[]; minWitnesses?: string; json?: boolean }) => {
      const vkey = resolveVerifierKey({ vkey: options.vkey });
      const input = readJsonArgument(program, file) as { receipt?: Receipt; ledger?: Receipt } & Partial<Receipt>;
      const min = minWitnesses(program, options);
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
