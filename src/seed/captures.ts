/**
 * The demo's partner data (issue 15): a supermarket chain's platform, a subscriber, sends GS1
 * EPCIS receiving events with a cold-chain temperature reading for some store lots, and the
 * store of the demo's retail lot sends its own retail-selling event. Lots are named by GS1
 * Digital Links with the supermarket's GTIN, so the events mean the same under any SUYUAN_ID_BASE.
 */
import { createHash } from 'node:crypto';
import type { Actor, CapturedEvent, Command } from '../domain/index.js';
import { capturedEventOf, type EpcisEvent, prefixesOf } from '../epcis/index.js';
import type { PlannedLot, Step } from './plan.js';

/** The GTIN the demo platform's product master gives the produce it sells. */
const PLATFORM_GTIN = '06901234567892';
const PLATFORM_NAMESPACE = 'https://ns.supermarket.example.cn/epcis/';
const PREFIXES = prefixesOf([{ sm: PLATFORM_NAMESPACE }]);
const HOUR = 3600_000;

const admin: Actor = { kind: 'authority', role: 'admin', region: '', id: 'admin' };

const link = (code: string) => `https://id.gs1.org/01/${PLATFORM_GTIN}/10/${code}`;
const at = (now: Date, hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString();

/** captureSteps: the platform's principal, its receiving events for `lots`, and the retail store's sale of `retail`. */
export function captureSteps(lots: readonly PlannedLot[], retail: PlannedLot, now: Date): Step[] {
  // A second demo seeded into the same store (suyuan seed --force) gets a platform of its own.
  const id = `demo-supermarket-${captureId('platform', now).slice(0, 8)}`;
  const platform: Actor = { kind: 'subscriber', id, region: '' };
  const received = lots.map((lot, index) => captured(receiving(lot, now, index)));
  const principal: Command = {
    type: 'principal.create',
    id,
    name: '示例商超平台 (demo supermarket platform)',
    role: 'subscriber',
    // The demo platform never calls the API: its key is a digest of nothing anyone holds.
    keyDigest: createHash('sha256').update(`suyuan demo platform ${now.toISOString()}`).digest('hex'),
  };
  const store: Actor = { kind: 'operator', operatorId: retail.holder.id };
  return [
    { command: principal, actor: admin },
    { command: { type: 'epcis.capture', captureId: captureId('receiving', now), events: received }, actor: platform },
    { command: { type: 'epcis.capture', captureId: captureId('selling', now), events: [captured(selling(retail, now))] }, actor: store },
  ];
}

function receiving(lot: PlannedLot, now: Date, index: number): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: at(now, 6 + index),
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    bizStep: 'receiving',
    disposition: 'in_progress',
    quantityList: [{ epcClass: link(lot.code) }],
    sensorElementList: [
      {
        sensorMetadata: { time: at(now, 6 + index) },
        sensorReport: [{ type: 'Temperature', value: 3 + (index % 4) * 0.5, uom: 'CEL' }],
      },
    ],
    'sm:distributionCentre': `DC-${String(index % 3).padStart(2, '0')}`,
  };
}

function selling(lot: PlannedLot, now: Date): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: at(now, 1),
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    bizStep: 'retail_selling',
    disposition: 'retail_sold',
    quantityList: [{ epcClass: link(lot.code) }],
    'sm:channel': 'online',
  };
}

function captured(event: EpcisEvent): CapturedEvent {
  const made = capturedEventOf(event, 'https://id.suyuan.invalid', PREFIXES);
  if ('reason' in made) throw new Error(`demo capture: ${made.reason}`);
  return made;
}

const captureId = (what: string, now: Date) => createHash('sha256').update(`${what} ${now.toISOString()}`).digest('hex').slice(0, 32);
