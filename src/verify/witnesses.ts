/**
 * Witnessed checkpoints (issue 16): a checkpoint note counts as witnessed when at least `min` of
 * the given witnesses (vkeys, cosigner or log form) cosigned it (C2SP tlog-cosignature/v1). The
 * log's own signature is checked elsewhere; this adds the split-view defence.
 */
import { checkCosignatures, parseCosigner } from '../hash/index.js';

export type WitnessVerdict =
  | { readonly ok: true; readonly witnessedBy: readonly string[] }
  | { readonly ok: false; readonly detail: string; readonly witnessedBy: readonly string[] };

export function checkWitnessed(note: string, witnessVkeys: readonly string[], min: number): WitnessVerdict {
  let cosigners: ReturnType<typeof parseCosigner>[];
  try {
    cosigners = witnessVkeys.map(parseCosigner);
  } catch (error) {
    return { ok: false, detail: `bad witness key: ${(error as Error).message}`, witnessedBy: [] };
  }
  const verdict = checkCosignatures(note, cosigners);
  if (!verdict.ok) return { ok: false, detail: verdict.detail, witnessedBy: [] };
  const witnessedBy = verdict.cosignatures.map((cosignature) => cosignature.name);
  if (witnessedBy.length < min) {
    return { ok: false, detail: `the checkpoint carries ${witnessedBy.length} of the ${min} witness cosignatures required`, witnessedBy };
  }
  return { ok: true, witnessedBy };
}
