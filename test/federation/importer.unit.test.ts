/**
 * The upstream importer's verdicts, in process: it imports what is proved and cosigns it; a fork
 * at the same size, or a shorter history that is not a prefix (evidence from its own leaves), is
 * refused with evidence that verifies, and stays refused after a restart; a mirror that is merely
 * behind is waited for, not refused. Fork evidence is checkable only as it was made: any changed
 * root, proof node or note fails it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { UpstreamImporter } from '../../src/federation/index.js';
import { eventBody, generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey, type SuyuanLedger } from '../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../src/projections/index.js';
import { TEST_APP_OPTIONS } from '../api/support/harness.js';
import { createMemoryStore, type EventStore } from '../../src/store/index.js';
import { type ForkEvidence, verifyForkEvidence } from '../../src/verify/index.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-importer-'));
const key: LogKey = { origin: 'gd.test/log', ...generateKey('gd.test/log') };
const witness = generateKey('nation.test/log');
const adminKey = newApiKey();
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };

interface Upstream {
  readonly store: EventStore;
  readonly ledger: SuyuanLedger;
  readonly projections: RunningProjections;
  readonly app: ZodApp;
}
const opened: Upstream[] = [];

async function upstream(store: EventStore = createMemoryStore()): Promise<Upstream> {
  const ledger = await openSuyuanLedger({ store, key });
  const projections = await startProjections({ store, ledger });
  const app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    ...TEST_APP_OPTIONS,
  });
  const made = { store, ledger, projections, app };
  opened.push(made);
  return made;
}

/** copy: a new store holding `from`'s log exactly as it is (a copied data directory). */
async function copy(from: EventStore): Promise<EventStore> {
  const head = await from.head();
  const events = await from.readFrom(0, head.size);
  const store = createMemoryStore();
  await store.appendBatch({ events, bodies: events.map(eventBody), checkpoint: head.checkpoint!, idempotency: [] });
  return store;
}

async function write(node: Upstream, count: number, name: string): Promise<void> {
  for (let index = 0; index < count; index++) {
    const command = {
      type: 'principal.create' as const,
      id: `${name}-${index}`,
      name,
      role: 'auditor' as const,
      region: '44',
      keyDigest: 'ab'.repeat(32),
    };
    const outcome = await node.ledger.submit(command, admin);
    expect(outcome.ok).toBe(true);
  }
}

/** A fetch that answers from whichever in-process upstream `target()` names. */
const fetchFrom =
  (target: () => ZodApp): typeof fetch =>
  async (input, init) => {
    const url = new URL(String(input));
    const answer = await target().inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.body === undefined ? {} : { payload: String(init.body) }),
    });
    return new Response(answer.statusCode === 204 ? null : answer.rawPayload, {
      status: answer.statusCode,
      headers: answer.headers as Record<string, string>,
    });
  };

function importer(target: () => ZodApp, name: string, store: EventStore = createMemoryStore()): UpstreamImporter {
  return new UpstreamImporter({
    url: 'http://gd.test/',
    vkey: key.vkey,
    key: adminKey,
    store,
    evidenceFile: join(dir, `${name}.json`),
    cosignKey: witness.skey,
    fetch: fetchFrom(target),
  });
}

let province: Upstream;
beforeAll(async () => {
  province = await upstream();
  await write(province, 5, 'base');
});

afterAll(async () => {
  for (const node of opened) {
    await node.app.close();
    await node.projections.stop();
    await node.ledger.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the upstream importer', () => {
  it('imports what is proved, cosigns it, and refuses a fork of the same size', async () => {
    const fork = await upstream(await copy(province.store));
    await write(province, 1, 'a');
    await write(fork, 1, 'b');
    let target = province.app;
    const imports = importer(() => target, 'same-size');
    const first = await imports.poll();
    expect(first).toMatchObject({ verifiedSize: province.ledger.size, origin: 'gd.test/log', lag: 0 });
    expect(first.refused).toBeUndefined();
    expect(first.lastError).toMatch(/refused the cosignature/); // this upstream accepts no witnesses
    target = fork.app;
    const second = await imports.poll();
    expect(second.refused).toMatch(/cannot extend/);
    expect(second.verifiedSize).toBe(first.verifiedSize);
    const evidence = imports.forkEvidence()!;
    expect(evidence.prefix).toBeUndefined();
    expect(verifyForkEvidence(evidence, key.vkey)).toMatchObject({ ok: true });
    // Refused for good, even by a new importer on the same files.
    expect((await importer(() => province.app, 'same-size').poll()).refused).toBeDefined();
  });

  it('refuses a shorter history that is not its prefix, with evidence from its own leaves', async () => {
    const fork = await upstream(await copy(province.store));
    await write(fork, 1, 'short');
    await write(province, 3, 'long');
    let target = province.app;
    const imports = importer(() => target, 'shorter');
    expect((await imports.poll()).verifiedSize).toBe(province.ledger.size);
    target = fork.app;
    expect((await imports.poll()).refused).toBeDefined();
    const evidence = imports.forkEvidence()!;
    expect(evidence.prefix?.size).toBe(fork.ledger.size);
    expect(verifyForkEvidence(evidence, key.vkey)).toMatchObject({ ok: true, sizes: [fork.ledger.size, province.ledger.size] });
  });

  it('waits for a mirror that is merely behind, and refuses nothing', async () => {
    const mirror = await upstream(await copy(province.store));
    await write(province, 2, 'ahead');
    let target = province.app;
    const imports = importer(() => target, 'mirror');
    expect((await imports.poll()).verifiedSize).toBe(province.ledger.size);
    target = mirror.app;
    const status = await imports.poll();
    expect(status.refused).toBeUndefined();
    expect(status.lastError).toMatch(/not the one of size|behind|fewer/);
    target = province.app;
    expect((await imports.poll()).lastError).toMatch(/cosignature/);
  });

  it('keeps nothing of an upstream that serves events its signed checkpoint does not cover, and calls it no fork', async () => {
    const liar = await upstream(await copy(province.store));
    await write(liar, 1, 'liar');
    await write(province, 1, 'honest');
    // The liar's events, under the honest province's checkpoint (same key, one event more, another root).
    const events = fetchFrom(() => liar.app);
    const checkpoint = fetchFrom(() => province.app);
    const mixed: typeof fetch = async (input, init) =>
      String(input).includes('/v1/log/checkpoint') ? checkpoint(input, init) : events(input, init);
    const store = await copy(liar.store);
    // The importer's copy is the common prefix: the liar's store less its last event.
    const prefix = createMemoryStore();
    const head = await store.head();
    const common = await store.readFrom(0, head.size - 1);
    await prefix.appendBatch({
      events: common,
      bodies: common.map(eventBody),
      checkpoint: (await province.store.checkpointAt(common.length))!,
      idempotency: [],
    });
    const imports = new UpstreamImporter({
      url: 'http://gd.test/',
      vkey: key.vkey,
      key: adminKey,
      store: prefix,
      evidenceFile: join(dir, 'liar.json'),
      fetch: mixed,
    });
    await imports.resume();
    const status = await imports.poll();
    expect(status.refused).toBeUndefined();
    expect(status.lastError).toBeDefined();
    expect((await prefix.head()).size).toBe(common.length);
    expect(imports.forkEvidence()).toBeUndefined();
  });
});

describe('fork evidence', () => {
  it('fails when any part is changed', async () => {
    const fork = await upstream(await copy(province.store));
    await write(fork, 1, 'x');
    await write(province, 2, 'y');
    let target = province.app;
    const imports = importer(() => target, 'tamper');
    await imports.poll();
    target = fork.app;
    await imports.poll();
    const evidence = imports.forkEvidence() as ForkEvidence & { prefix: NonNullable<ForkEvidence['prefix']> };
    expect(verifyForkEvidence(evidence, key.vkey).ok).toBe(true);
    const flip = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
    fc.assert(
      fc.property(fc.nat(63), fc.nat(10), (at, which) => {
        const changed = [
          { ...evidence, prefix: { ...evidence.prefix, root: flip(evidence.prefix.root, at) } },
          {
            ...evidence,
            prefix: {
              ...evidence.prefix,
              consistency: evidence.prefix.consistency.map((node, index) =>
                index === which % evidence.prefix.consistency.length ? flip(node, at) : node,
              ),
            },
          },
          { ...evidence, prefix: { ...evidence.prefix, size: evidence.prefix.size + 1 } },
          { ...evidence, notes: [evidence.notes[0], evidence.notes[0]] as [string, string] },
        ];
        for (const candidate of changed) expect(verifyForkEvidence(candidate, key.vkey).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
