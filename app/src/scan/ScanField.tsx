/**
 * A field for a lot's trace code or an operator's id that can be typed or scanned: a scan of a label
 * (…/c/{code}) or an identity card (…/o/{id}) fills in the code or id it names (readScan, shared
 * with the server); a scan of the other kind is refused with a reason and leaves the field alone.
 */
import { useState } from 'preact/hooks';
import { readScan } from '../../../src/domain/codes/scanned.js';
import { uiWords } from '../ui/words.js';
import { Scanner } from './Scanner.js';

export interface ScanFieldProps {
  readonly id: string;
  readonly label: string;
  readonly want: 'lot' | 'operator';
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly list?: string;
  readonly describedBy?: string;
}

export function ScanField({ id, label, want, value, onValue, list, describedBy }: ScanFieldProps) {
  const t = uiWords();
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [scanned, setScanned] = useState(false);
  const read = (text: string): void => {
    setScanning(false);
    const scan = readScan(text);
    if (want === 'lot' && scan.kind === 'lot') accept(scan.code);
    else if (want === 'operator' && scan.kind === 'operator') accept(scan.id);
    else setProblem(want === 'lot' ? t.notALot : t.notAnOperator);
  };
  const accept = (next: string): void => {
    setProblem(null);
    setScanned(true);
    onValue(next);
  };
  const problemId = `${id}-problem`;
  return (
    <div class="scan-field">
      <label for={id}>{label}</label>
      <div class="scan-row">
        <input
          id={id}
          name={id}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          inputMode={want === 'lot' ? 'numeric' : 'text'}
          list={list}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[describedBy, problem ? problemId : undefined].filter(Boolean).join(' ') || undefined}
          onInput={(event) => {
            setScanned(false);
            onValue(event.currentTarget.value);
          }}
        />
        <button
          type="button"
          class="secondary"
          data-testid={`${id}-scan`}
          aria-label={`${t.scan}：${want === 'lot' ? t.scanLot : t.scanOperator}（${label}）`}
          aria-expanded={scanning}
          onClick={() => {
            setProblem(null);
            setScanning(!scanning);
          }}
        >
          {t.scan}
        </button>
      </div>
      {scanned ? (
        <p class="hint" data-testid={`${id}-scanned`}>
          {t.scanned} ✓
        </p>
      ) : null}
      {problem ? (
        <p id={problemId} role="alert" class="problem">
          {problem}
        </p>
      ) : null}
      {scanning ? <Scanner onText={read} onClose={() => setScanning(false)} /> : null}
    </div>
  );
}
