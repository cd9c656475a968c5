import { Command } from 'commander';
import { registerFederateCommand } from './federate.js';
import { registerRepairCommand } from './repair.js';
import { registerRestoreCommand } from './restore.js';
import { registerSeedCommand } from './seed.js';
import { verifyStoredLog } from './verify.js';
import { registerVerifyBundleCommand } from './verifyBundle.js';
import { registerVerifyReceiptCommand } from './verifyReceipt.js';

const program = new Command().name('suyuan').description('Suyuan (溯源): a verifiable trace ledger for agricultural products');

program
  .command('verify')
  .description('verify the whole stored log: every hash, prev link, the Merkle root and the signed checkpoint')
  .option('--data <dir>', 'data directory of the embedded (sqlite) store')
  .option('--database-url <url>', 'PostgreSQL URL of the server store')
  .option(
    '--vkey <vkey>',
    "the log's public key, or @file to read it from a file (default: SUYUAN_LOG_VKEY, SUYUAN_LOG_KEY or the data directory)",
  )
  .option(
    '--checkpoint <file-or-url>',
    "also prove the log extends a signed checkpoint held elsewhere: a file with the note, or a node's /v1/log/checkpoint URL",
  )
  .action(async (options: { data?: string; databaseUrl?: string; vkey?: string; checkpoint?: string }) => {
    if (options.data && options.databaseUrl) program.error('give --data or --database-url, not both');
    const result = await verifyStoredLog(options);
    if (result.ok) {
      console.log(`ok: ${result.size} events verified; root ${result.root}`);
      if (result.extends) console.log(`ok: the log extends the checkpoint of size ${result.extends.size} (root ${result.extends.root})`);
    } else if ('position' in result) {
      console.error(`FAILED at position ${result.position}: ${result.detail} (${result.reason})`);
      process.exitCode = 1;
    } else {
      console.error(`FAILED: the stored log does not extend the checkpoint ${options.checkpoint}: ${result.detail} (${result.reason})`);
      process.exitCode = 1;
    }
  });

registerVerifyBundleCommand(program);
registerVerifyReceiptCommand(program);
registerRepairCommand(program);
registerRestoreCommand(program);
registerSeedCommand(program);
registerFederateCommand(program);

await program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`suyuan: ${(error as Error).message}`);
  process.exitCode = 2;
});
