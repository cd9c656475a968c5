/**
 * `suyuan federate --upstream URL --vkey VKEY [--key KEY] …`: start this node as a federated writer
 * that follows, witnesses and serves the upstream logs (issue 16): the same server as `npm start`
 * with SUYUAN_UPSTREAMS, SUYUAN_UPSTREAM_VKEYS and SUYUAN_UPSTREAM_KEYS set from the options.
 */
import type { Command } from 'commander';

const repeat = (value: string, all: string[]): string[] => [...all, value];

export function registerFederateCommand(program: Command): void {
  program
    .command('federate')
    .description('serve as a federated node: follow, verify, cosign and serve upstream Suyuan logs (same environment as npm start)')
    .requiredOption('--upstream <url>', 'an upstream Suyuan node (repeatable)', repeat, [])
    .requiredOption('--vkey <vkey>', "the upstream's log key (GET /v1/log/key), one per --upstream, in order", repeat, [])
    .option('--key <key>', 'an auditor or subscriber API key on the upstream, one per --upstream, in order', repeat, [])
    .action(async (options: { upstream: string[]; vkey: string[]; key: string[] }) => {
      if (options.vkey.length !== options.upstream.length) program.error('give one --vkey for each --upstream', { exitCode: 2 });
      if (options.key.length !== 0 && options.key.length !== options.upstream.length) {
        program.error('give one --key for each --upstream, or none', { exitCode: 2 });
      }
      process.env.SUYUAN_UPSTREAMS = options.upstream.join(',');
      process.env.SUYUAN_UPSTREAM_VKEYS = options.vkey.join(',');
      if (options.key.length > 0) process.env.SUYUAN_UPSTREAM_KEYS = options.key.join(',');
      // The server reads its configuration from the environment, as npm start does.
      await import('../main.js');
    });
}
