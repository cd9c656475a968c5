/**
 * The EPCIS export of a whole seeded chain (every kind of lot event, processing, merges, freezes,
 * samples) validates against the official EPCIS 2.0 JSON schema with ajv, and carries no
 * personal data: no buyer reference, no certificate contact, no principal.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/index.js';
import { generateKey } from '../../src/hash/index.js';
import { hasEpcisForm, type LoggedDomainEvent, toEpcis, type EpcisEvent } from '../../src/epcis/fromSuyuan.js';
import { identifiers } from '../../src/epcis/identifiers.js';
import { documentEventHashes, epcisDocument } from '../../src/epcis/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { createMemoryStore } from '../../src/store/index.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const SCHEMA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/epcis/schema/epcis-json-schema.json');
const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const NOW = new Date('2026-06-30T04:00:00.000Z');
const ids = identifiers('https://trace.example.gov.cn/id');

let logged: LoggedDomainEvent[];
const regions = new Map<string, string>();
let exported: { source: LoggedDomainEvent; epcis: EpcisEvent }[];

beforeAll(async () => {
  const store = createMemoryStore();
  const ledger = await openSuyuanLedger({ store, key, clock: () => NOW });
  await seedDemo(ledger, { lots: 400, seed: 5, now: NOW });
  const { size } = await store.head();
  logged = (await store.readFrom(0, size)) as unknown as LoggedDomainEvent[];
  for (const event of logged) if (event.type === 'operator.registered') regions.set(event.data.operatorId, event.data.region);
  const lookup = { regionOf: (id: string) => regions.get(id), gtinOf: () => undefined };
  exported = logged.flatMap((source) => toEpcis(source, ids, lookup).map((epcis) => ({ source, epcis })));
}, 60_000);

describe('the EPCIS export of a seeded chain', () => {
  it('validates, document and every event, against the official EPCIS 2.0 JSON schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    const document = epcisDocument(
      exported.map(({ epcis }) => epcis),
      NOW.toISOString(),
    ) as { epcisBody: { eventList: EpcisEvent[] } };
    const valid = validate(document);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is not vacuous: one event with a bizStep CBV does not know fails the document.
    const [first, ...rest] = document.epcisBody.eventList;
    expect(validate({ ...document, epcisBody: { eventList: [{ ...first, bizStep: 'farming' }, ...rest] } })).toBe(false);
  });

  it('exports every kind of lot event the chain holds, and nothing for events about no lot', () => {
    const kinds = new Set(exported.map(({ source }) => source.type));
    for (const type of [
      'lot.commissioned',
      'lot.shipped',
      'lot.accepted',
      'lot.rejected',
      'lot.processed',
      'lot.sold',
      'lot.frozen',
      'sample.taken',
      'sample.tested',
      'epcis.captured',
    ] as const) {
      expect(kinds, type).toContain(type);
    }
    const exportable = logged.filter((event) => hasEpcisForm(event.type));
    expect(new Set(exported.map(({ source }) => source.position))).toEqual(new Set(exportable.map((event) => event.position)));
    for (const event of logged.filter((event) => !hasEpcisForm(event.type))) expect(event.type.startsWith('lot.')).toBe(false);
  });

  it('maps merges and processing to TransformationEvents with every input and output', () => {
    const processed = exported.filter(({ source }) => source.type === 'lot.processed');
    expect(processed.length).toBeGreaterThan(0);
    for (const { source, epcis } of processed) {
      const data = (source as Extract<DomainEvent, { type: 'lot.processed' }>).data;
      expect(epcis.type).toBe('TransformationEvent');
      expect((epcis.inputQuantityList as { epcClass: string }[]).map((line) => line.epcClass)).toEqual(
        data.inputs.map((input) => ids.lot(input.code)),
      );
      expect((epcis.outputQuantityList as { epcClass: string }[]).map((line) => line.epcClass)).toEqual(
        data.outputs.map((output) => ids.lot(output.code)),
      );
    }
  });

  it("exports captured events as they were captured: each document's hash is the one capture computed", () => {
    const captured = exported.filter(({ source }) => source.type === 'epcis.captured');
    expect(captured.length).toBeGreaterThan(1);
    const hashes = documentEventHashes(
      epcisDocument(
        captured.map(({ epcis }) => epcis),
        NOW.toISOString(),
      ),
    );
    expect(hashes).toEqual(captured.map(({ source }) => (source.data as { hash: string }).hash));
    for (const { source, epcis } of captured) {
      expect(epcis['suyuan:logPosition']).toBeUndefined();
      expect(epcis.recordTime).toBe(source.time);
    }
  });

  it('names every event by its log position and hash, and carries no personal data', () => {
    for (const { source, epcis } of exported.filter(({ source }) => source.type !== 'epcis.captured')) {
      expect(epcis['suyuan:logPosition']).toBe(source.position);
      expect(epcis['suyuan:logHash']).toBe(source.hash);
      expect(epcis.eventTime).toBe(source.time);
      if (source.type === 'lot.commissioned') expect(epcis.bizLocation).toEqual({ id: ids.location(regions.get(source.data.operatorId)!) });
    }
    const text = JSON.stringify(exported.map(({ epcis }) => epcis));
    expect(text).not.toMatch(/pd_[A-Za-z0-9_-]{16}/);
    const contacts = logged.flatMap((event) => {
      const certificate = (event.data as { certificate?: { contact: string; issuer: string } }).certificate;
      return certificate ? [certificate.contact, certificate.issuer] : [];
    });
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.filter((contact) => text.includes(`"${contact}"`))).toEqual([]);
    const principals = new Set(logged.map((event) => event.actor));
    for (const actor of principals) expect(text).not.toContain(`"${actor}"`);
  });
});
