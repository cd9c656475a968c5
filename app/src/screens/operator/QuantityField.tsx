/** An amount and its unit, side by side; the unit list is the domain's (words.ts names every one). */
import type { Unit } from '../../../../src/domain/values/index.js';
import { keysOf, operatorWords } from './words.js';

export interface QuantityFieldProps {
  readonly id: string;
  readonly amount: string;
  readonly unit: Unit;
  readonly onAmount: (amount: string) => void;
  readonly onUnit: (unit: Unit) => void;
  readonly invalid?: boolean;
  readonly amountLabel?: string;
}

export function QuantityField({ id, amount, unit, onAmount, onUnit, invalid = false, amountLabel }: QuantityFieldProps) {
  const t = operatorWords();
  return (
    <div class="row">
      <div>
        <label for={`${id}-amount`}>{amountLabel ?? t.quantity}</label>
        <input
          id={`${id}-amount`}
          name={`${id}-amount`}
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={amount}
          aria-invalid={invalid || undefined}
          onInput={(event) => onAmount(event.currentTarget.value)}
        />
      </div>
      <div>
        <label for={`${id}-unit`}>{t.unit}</label>
        <select id={`${id}-unit`} name={`${id}-unit`} value={unit} onChange={(event) => onUnit(event.currentTarget.value as Unit)}>
          {keysOf(t.names.units).map((choice) => (
            <option key={choice} value={choice}>
              {t.names.units[choice]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
