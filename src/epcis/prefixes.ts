/**
 * JSON-LD prefixes of an EPCIS document, and the names they expand to: a CURIE `example:myField`
 * under `"example": "https://ns.example.com/epcis/"` is the IRI
 * `https://ns.example.com/epcis/myField`, written `{https://ns.example.com/epcis/}myField` in a
 * pre-hash string. Only prefix definitions are read; no context is fetched.
 */

/** The prefixes the EPCIS 2.0 context itself defines; every EPCIS 2.0 JSON-LD document has them. */
export const EPCIS_CONTEXT_PREFIXES: Readonly<Record<string, string>> = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: 'https://gs1.org/voc/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON-LD 1.1 simple term definition is a prefix when its IRI ends with a gen-delim character. */
const PREFIX_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:.*[:/?#[\]@]$/;

/**
 * prefixesOf: the prefix map of a document's `@context` (a URL, an object, or an array of both):
 * the `inherited` prefixes (the EPCIS context's own, or an event's document's), then each
 * object's prefix definitions, later ones winning.
 */
export function prefixesOf(context: unknown, inherited: Readonly<Record<string, string>> = EPCIS_CONTEXT_PREFIXES): Record<string, string> {
  const prefixes: Record<string, string> = { ...inherited };
  for (const entry of Array.isArray(context) ? context : [context]) {
    if (!isRecord(entry)) continue;
    for (const [term, definition] of Object.entries(entry)) {
      const iri =
        typeof definition === 'string'
          ? definition
          : isRecord(definition) && definition['@prefix'] === true
            ? definition['@id']
            : undefined;
      if (!term.startsWith('@') && typeof iri === 'string' && PREFIX_IRI.test(iri)) prefixes[term] = iri;
    }
  }
  return prefixes;
}

const CURIE = /^([A-Za-z_][A-Za-z0-9_.-]*):(.*)$/s;

/** expandCurie: `value` with a known prefix replaced by its IRI; anything else unchanged (`//` after the colon is an IRI, not a CURIE). */
export function expandCurie(value: string, prefixes: Readonly<Record<string, string>>): string {
  const match = CURIE.exec(value);
  if (match === null) return value;
  const [, prefix = '', local = ''] = match;
  const iri = Object.hasOwn(prefixes, prefix) ? prefixes[prefix] : undefined;
  return iri === undefined || local.startsWith('//') ? value : iri + local;
}

/**
 * expandedName: the IRI of an extension field's name (a CURIE or an IRI), or undefined for a bare
 * name, which JSON-LD drops: the EPCIS context has no default vocabulary.
 */
export function expandedName(key: string, prefixes: Readonly<Record<string, string>>): string | undefined {
  const iri = expandCurie(key, prefixes);
  return CURIE.test(iri) ? iri : undefined;
}

/** clarkName: an IRI as `{namespace}localName`, split after its last `/`, `#` or `:`. */
export function clarkName(iri: string): string {
  const split = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'), iri.lastIndexOf(':')) + 1;
  return `{${iri.slice(0, split)}}${iri.slice(split)}`;
}
