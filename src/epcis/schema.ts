/**
 * The official EPCIS 2.0 JSON schema (ref.gs1.org's epcis-json-schema.json, draft-07) as a
 * validator, with ajv: capture checks documents with it, never with hand-written rules. The file
 * is GS1's and is not shipped in this repository (GS1 grants no redistribution right): its path is
 * configured (SUYUAN_EPCIS_SCHEMA), by default the copy in ../shared/conformance. `strict: false`
 * because the schema uses keywords ajv's strict mode refuses (e.g. `$comment`-style annotations
 * and unknown formats in places), which the GS1 validator accepts too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS modules whose default export Node's ESM loader wraps.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** Where the schema is when SUYUAN_EPCIS_SCHEMA is not set: the conformance copy beside the repository. */
export const DEFAULT_EPCIS_SCHEMA = fileURLToPath(
  new URL('../../../shared/conformance/epcis/schema/epcis-json-schema.json', import.meta.url),
);

/** One way a document fails the schema: where (a JSON pointer, RFC 6901) and what. */
export interface SchemaFailure {
  readonly pointer: string;
  readonly message: string;
}

export type EpcisValidator = (document: unknown) => readonly SchemaFailure[];

/** The most failures reported for one document (ajv's allErrors would list thousands for a large bad one). */
const MAX_FAILURES = 50;

/** epcisValidator: a validator for the schema at `path`; throws when the file is missing or not a schema. */
export function epcisValidator(path: string = DEFAULT_EPCIS_SCHEMA): EpcisValidator {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document) => {
    if (validate(document)) return [];
    return mostSpecific(validate.errors ?? [])
      .slice(0, MAX_FAILURES)
      .map((error) => ({ pointer: error.instancePath || '/', message: describe(error) }));
  };
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/**
 * mostSpecific: the schema's `anyOf`/`oneOf` over event types makes ajv report every branch; a
 * branch's failures deeper in the document say more than "must match a schema in anyOf" at the
 * event. Keep each pointer's failures once, deepest pointers first within an event.
 */
function mostSpecific(errors: readonly AjvError[]): AjvError[] {
  const seen = new Set<string>();
  const kept = errors.filter((error) => {
    const key = `${error.instancePath}\u0000${describe(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Every proper prefix of a failing path has a deeper failure: one pass, not a comparison of all pairs.
  const parents = new Set<string>();
  for (const error of kept) {
    for (let cut = error.instancePath.lastIndexOf('/'); cut >= 0; cut = error.instancePath.lastIndexOf('/', cut - 1)) {
      parents.add(error.instancePath.slice(0, cut));
      if (cut === 0) break;
    }
  }
  const deeper = (error: AjvError) => parents.has(error.instancePath);
  const combinators = new Set(['anyOf', 'oneOf', 'if', 'not']);
  const specific = kept.filter((error) => !(combinators.has(error.keyword) && deeper(error)));
  return specific.length > 0 ? specific : kept;
}

function describe(error: AjvError): string {
  const { params } = error;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `must not have the property "${params.additionalProperty}"`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.slice(0, 12).join(', ')}${params.allowedValues.length > 12 ? ', …' : ''}`;
  }
  return error.message ?? error.keyword;
}
