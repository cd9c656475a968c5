/**
 * A lot's trace code, scanned from its label, typed, or picked from a list of lots (the held ones,
 * or those in transit); the picked lot's product and what is left of it are shown beneath, and
 * `onLot` hears of each lot the code comes to name (also when the list arrives after the code).
 */
import { useEffect } from 'preact/hooks';
import type { HoldingLot } from '../../api.js';
import { ScanField } from '../../scan/ScanField.js';
import { operatorWords } from './words.js';

export interface LotFieldProps {
  readonly id: string;
  readonly label: string;
  readonly lots: readonly HoldingLot[];
  readonly value: string;
  readonly onValue: (code: string) => void;
  readonly onLot?: (lot: HoldingLot) => void;
  /** The picker's label; default 从在手批次中选择. */
  readonly pickLabel?: string;
}

export function LotField({ id, label, lots, value, onValue, onLot, pickLabel }: LotFieldProps) {
  const t = operatorWords();
  const find = (code: string): HoldingLot | undefined => lots.find((lot) => lot.code === code.trim());
  const chosen = find(value);
  useEffect(() => {
    if (chosen) onLot?.(chosen);
  }, [chosen?.code]);
  return (
    <div class="lot-field">
      <ScanField id={id} label={label} want="lot" value={value} onValue={onValue} />
      {lots.length === 0 ? null : (
        <>
          <label for={`${id}-pick`}>{pickLabel ?? t.heldLot}</label>
          <select id={`${id}-pick`} value={chosen ? chosen.code : ''} onChange={(event) => onValue(event.currentTarget.value)}>
            <option value="">{t.pickHeld}</option>
            {lots.map((lot) => (
              <option key={lot.code} value={lot.code}>
                {lotSummary(lot)} · {lot.code}
              </option>
            ))}
          </select>
        </>
      )}
      {chosen ? (
        <p class="hint" data-testid={`${id}-lot`}>
          {lotSummary(chosen)} · {t.available} {chosen.available} / {chosen.quantity} {chosen.unit}
        </p>
      ) : null}
    </div>
  );
}

/** lotSummary: a lot's product and variety, as lists show it. */
export const lotSummary = (lot: HoldingLot): string =>
  lot.product.variety ? `${lot.product.name} · ${lot.product.variety}` : lot.product.name;
