/**
 * Real PostgreSQL clusters a test starts and stops itself (issue 17, scale-out on replicas): a
 * primary from initdb and a streaming hot standby from pg_basebackup, each in a temporary
 * directory on a free port, run as the `postgres` user when the test runs as root (postgres
 * refuses root). Outside CI a machine without the server binaries skips with a message; in CI
 * that is a failure (see replicasAvailable).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

const BIN = (() => {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/lib/postgresql/15/bin';
  }
})();

export const replicasAvailable = existsSync(join(BIN, 'pg_ctl')) && existsSync(join(BIN, 'pg_basebackup'));

const asRoot = process.getuid?.() === 0;
const owner = (() => {
  if (!asRoot) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = passwd?.split(':') ?? [];
  return uid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
})();

function run(tool: string, args: readonly string[]): string {
  const command = asRoot ? 'runuser' : join(BIN, tool);
  const full = asRoot ? ['-u', 'postgres', '--', join(BIN, tool), ...args] : [...args];
  const result = spawnSync(command, full, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export interface Cluster {
  readonly dir: string;
  readonly port: number;
  readonly url: string;
  start(): void;
  /** SIGKILL the postmaster: a crash, not a shutdown. */
  kill(): void;
  promote(): void;
  stop(): void;
  remove(): void;
}

function makeDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `suyuan-pg-${label}-`));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

function cluster(dir: string, port: number): Cluster {
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => void run('pg_ctl', ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']),
    kill: () => {
      const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      // Its backends go with it (they exit when the postmaster dies); wait until the port is free.
      for (let tries = 0; tries < 100; tries++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        spawnSync('sleep', ['0.05']);
      }
    },
    promote: () => void run('pg_ctl', ['-D', dir, '-w', '-t', '60', 'promote']),
    stop: () => {
      if (existsSync(join(dir, 'postmaster.pid')))
        spawnSync(
          asRoot ? 'runuser' : join(BIN, 'pg_ctl'),
          asRoot
            ? ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', dir, '-m', 'immediate', 'stop']
            : ['-D', dir, '-m', 'immediate', 'stop'],
        );
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** primaryCluster: a fresh cluster that streams WAL to standbys (trust auth on 127.0.0.1). */
export async function primaryCluster(): Promise<Cluster> {
  const dir = makeDir('primary');
  const port = await freePort();
  run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  appendFileSync(
    join(dir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'fsync = off',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'pg_hba.conf'),
    'host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\nlocal all all trust\n',
  );
  const made = cluster(dir, port);
  made.start();
  return made;
}

/** standbyOf: a hot standby streaming from `primary`, started. */
export async function standbyOf(primary: Cluster, name = 'standby'): Promise<Cluster> {
  const dir = makeDir(name);
  const port = await freePort();
  rmSync(dir, { recursive: true, force: true });
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dir, '-X', 'stream', '-R']);
  appendFileSync(join(dir, 'postgresql.conf'), [`port = ${port}`, `unix_socket_directories = '${dir}'`, 'hot_standby = on', ''].join('\n'));
  const made = cluster(dir, port);
  made.start();
  return made;
}
