/** An EPCIS 2.0 event as JSON: its type and whatever else it carries. */
export type EpcisEvent = Readonly<Record<string, unknown>> & { readonly type: string };
