/**
 * Pieces the regulators' screens share: what a form still misses, a list of lots built by
 * scanning labels one after another, and a count of answered writes that tells a list to reload.
 */
import { useState } from 'preact/hooks';
import { writes } from '../../outbox.js';
import { ScanField } from '../../scan/ScanField.js';
import { useSignal } from '../../signal.js';
import { addLot } from './forms.js';
import { regulatorWords } from './words.js';
import './regulator.css';

/**
 * useAnswered: how many writes under `pathPrefix` the server has answered (sent or refused); a
 * read that lists what they changed takes it as a dependency, and reloads when a write lands.
 */
export function useAnswered(pathPrefix: string): number {
  const list = useSignal(writes);
  return list.filter((write) => write.state !== 'pending' && write.path.startsWith(pathPrefix)).length;
}

/** Missing: the fields a form still needs, named by `names` (keys the form's builder returned). */
export function Missing({ missing, names }: { missing: readonly string[] | null; names: Record<string, string> }) {
  const t = regulatorWords();
  if (!missing || missing.length === 0) return null;
  return (
    <p role="alert" class="problem" data-testid="form-missing">
      {t.missing}
      {missing.map((field) => names[field.replace(/\.\d+$/, '')] ?? field).join('、')}
    </p>
  );
}

/** LotsField: lots scanned (or typed) one by one into a list, each removable. */
export function LotsField({
  id,
  label,
  lots,
  onLots,
}: {
  id: string;
  label: string;
  lots: readonly string[];
  onLots: (lots: string[]) => void;
}) {
  const t = regulatorWords();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = (): void => {
    const added = addLot(lots, typed);
    if (!added.ok) {
      setProblem(added.why === 'notALot' ? t.lotNotALot : t.lotDuplicate);
      return;
    }
    setProblem(null);
    setTyped('');
    onLots([...added.lots]);
  };
  return (
    <fieldset class="lots-field">
      <legend>{label}</legend>
      <ScanField id={id} label={t.scanLot} want="lot" value={typed} onValue={setTyped} />
      <button type="button" class="secondary" data-testid={`${id}-add`} onClick={add}>
        {t.lotsAdd}
      </button>
      {problem ? (
        <p role="alert" class="problem">
          {problem}
        </p>
      ) : null}
      {lots.length === 0 ? null : (
        <ul class="lots" aria-label={t.lotsAdded} data-testid={`${id}-list`}>
          {lots.map((code) => (
            <li key={code} class="lot-added">
              <span class="code">{code}</span>
              <button
                type="button"
                class="secondary"
                aria-label={`${t.remove} ${code}`}
                onClick={() => onLots(lots.filter((lot) => lot !== code))}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Codes: lot codes as a list (or a dash for none). */
export function Codes({
  codes,
  label,
  testId,
  itemTestId,
}: {
  codes: readonly string[];
  label: string;
  testId?: string;
  itemTestId?: string;
}) {
  const t = regulatorWords();
  if (codes.length === 0) return <span class="hint">{t.none}</span>;
  return (
    <ul class="codes" aria-label={label} data-testid={testId}>
      {codes.map((code) => (
        <li key={code} class="code" data-testid={itemTestId}>
          {code}
        </li>
      ))}
    </ul>
  );
}
