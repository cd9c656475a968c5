export { RecordImportSchema, type RecordImport } from './commands.js';
export { FederationImportedSchema } from './events.js';
export { decideRecordImport, federationTag } from './decide.js';
