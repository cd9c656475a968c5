export {
  TRACE_CODE_LENGTH,
  formatTraceCode,
  generateTraceCode,
  isValidTraceCode,
  normalizeTraceCode,
  parseTraceCode,
  traceCodeCheckDigits,
  traceCodeKind,
  traceCodeRegion,
  validateTraceCode,
} from './traceCode.js';
export type { ParsedTraceCode, TraceCodeKind, TraceCodeParts } from './traceCode.js';
export {
  USCC_ALPHABET,
  isValidUscc,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  validateUscc,
} from './uscc.js';
export { GTIN14_LENGTH, GTIN_LENGTHS, gtin14, gtinCheckDigit, isValidGtin, validateGtin } from './gtin.js';
export { citizenIdCheckCharacter, isValidCitizenId, validateCitizenId } from './citizenId.js';
export { isKnownProvince, isKnownRegion, isKnownRegionPrefix, regionCovers, regionName, regionPrefix, validateRegion } from './region.js';
export { OPERATOR_ID_PATTERN, readScan, scannedSegment } from './scanned.js';
export type { Scan } from './scanned.js';
