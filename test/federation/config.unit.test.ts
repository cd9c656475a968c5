/** SUYUAN_UPSTREAMS and its companions, and `suyuan federate`'s options: every mistake stops start-up naming the variable. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFederateCommand } from '../../src/cli/federate.js';
import { federationConfig } from '../../src/federation/index.js';
import { generateKey } from '../../src/hash/index.js';

const gd = generateKey('gd.example/log');
const hn = generateKey('hn.example/log');

describe('federation configuration', () => {
  it('reads upstreams, their vkeys and keys in order', () => {
    const env = {
      SUYUAN_UPSTREAMS: 'https://gd.example, http://10.0.0.2:3000/',
      SUYUAN_UPSTREAM_VKEYS: `${gd.vkey},${hn.vkey}`,
      SUYUAN_UPSTREAM_KEYS: 'k1,k2',
    };
    expect(federationConfig(env)).toEqual([
      { url: 'https://gd.example', vkey: gd.vkey, key: 'k1' },
      { url: 'http://10.0.0.2:3000/', vkey: hn.vkey, key: 'k2' },
    ]);
    expect(federationConfig({})).toEqual([]);
  });

  it.each([
    [{ SUYUAN_UPSTREAMS: 'https://gd.example' }, /SUYUAN_UPSTREAM_VKEYS/],
    [{ SUYUAN_UPSTREAMS: 'ftp://gd.example', SUYUAN_UPSTREAM_VKEYS: gd.vkey }, /SUYUAN_UPSTREAMS: "ftp/],
    [{ SUYUAN_UPSTREAMS: 'https://gd.example', SUYUAN_UPSTREAM_VKEYS: 'not-a-key' }, /SUYUAN_UPSTREAM_VKEYS: key 1/],
    [
      {
        SUYUAN_UPSTREAMS: 'https://a.example,https://b.example',
        SUYUAN_UPSTREAM_VKEYS: `${gd.vkey},${hn.vkey}`,
        SUYUAN_UPSTREAM_KEYS: 'k1',
      },
      /SUYUAN_UPSTREAM_KEYS/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => federationConfig(env)).toThrow(message);
  });

  it('has suyuan federate refuse options that do not pair up', async () => {
    const program = new Command().exitOverride();
    program.configureOutput({ writeErr: () => {} });
    registerFederateCommand(program);
    await expect(program.parseAsync(['node', 'suyuan', 'federate', '--upstream', 'https://gd.example'])).rejects.toThrow(/--vkey/);
    await expect(
      program.parseAsync(['node', 'suyuan', 'federate', '--upstream', 'https://a', '--upstream', 'https://b', '--vkey', gd.vkey]),
    ).rejects.toThrow(/one --vkey for each --upstream/);
  });
});
