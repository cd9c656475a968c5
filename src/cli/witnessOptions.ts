/**
 * The witness options that verify-bundle and verify-receipt share (issue 16): `--witness VKEY`
 * (repeatable) and `--min-witnesses K` (default 1 when any witness is given), and reading the
 * JSON file they check.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export interface WitnessOptions {
  readonly witness: string[];
  readonly minWitnesses?: string;
}

/** withWitnessOptions adds --witness and --min-witnesses to `command`. */
export function withWitnessOptions(command: Command): Command {
  return command
    .option(
      '--witness <vkey>',
      'a witness whose cosignature of the checkpoint counts (repeatable)',
      (vkey: string, all: string[]) => [...all, vkey],
      [],
    )
    .option('--min-witnesses <k>', 'how many of the --witness keys must have cosigned the checkpoint (default 1 when any is given)');
}

/** minWitnesses: the K asked for, or a usage error (exit 2) naming the rule. */
export function minWitnesses(program: Command, options: WitnessOptions): number {
  const min = options.minWitnesses === undefined ? Math.min(1, options.witness.length) : Number(options.minWitnesses);
  if (!Number.isInteger(min) || min < 0 || min > options.witness.length) {
    program.error(`--min-witnesses must be a whole number from 0 to the ${options.witness.length} --witness keys given`, { exitCode: 2 });
  }
  return min;
}

/** readJsonArgument: the JSON of `file` ("-": standard input), or a usage error (exit 2). */
export function readJsonArgument(program: Command, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    return program.error(`cannot read ${file}: ${(error as Error).message}`, { exitCode: 2 });
  }
}
