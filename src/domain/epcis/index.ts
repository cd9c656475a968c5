export {
  CaptureEpcisSchema,
  CapturedEventSchema,
  EPCIS_HASH_PATTERN,
  EpcisHashSchema,
  MAX_CAPTURED_EVENTS,
  MAX_CAPTURED_EVENT_CHARS,
  MAX_CAPTURED_LOTS,
} from './commands.js';
export type { CaptureEpcis, CapturedEvent } from './commands.js';
export { EpcisCapturedSchema } from './events.js';
export { capturedIn, decideCapture, hexOf, senderOf } from './decide.js';
export { evolveCaptured } from './evolve.js';
export { personalDataAt, personalDataIn } from './personal.js';
export type { CapturedState } from './state.js';
