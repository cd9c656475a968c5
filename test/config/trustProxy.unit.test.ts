import { describe, expect, it } from 'vitest';
import { trustedProxies } from '../../src/config.js';

describe('SUYUAN_TRUST_PROXY', () => {
  it('takes a list of proxy addresses and ranges', () => {
    expect(trustedProxies(undefined)).toEqual([]);
    expect(trustedProxies(' ')).toEqual([]);
    expect(trustedProxies('127.0.0.1, 10.1.0.0/16,::1')).toEqual(['127.0.0.1', '10.1.0.0/16', '::1']);
  });

  it('never trusts everything', () => {
    for (const value of ['1', 'true', '*', '0.0.0.0/0', '::/0', '127.0.0.1,*']) {
      expect(() => trustedProxies(value), value).toThrow(/would trust every client/);
    }
  });

  it('refuses what is not an address or range, naming it', () => {
    for (const value of ['proxy.local', '10.0.0.0/33', '::1/129', '1.2.3.4/8/9', 'loopback']) {
      expect(() => trustedProxies(value), value).toThrow(/not an IP address or CIDR range/);
    }
  });
});
