/**
 * The inspection form: the operator scanned from its identity card (or typed, or passed as
 * ?operator=), its name read to confirm it is the one in front of the inspector, then the kind,
 * result, items checked, findings, a deadline when a rectification is ordered, and the lots
 * scanned on site. The inspection is a queued write; once sent its id is shown.
 */
import { useState } from 'preact/hooks';
import { operator as readOperator } from '../../api.js';
import type { InspectionKind, InspectionResult } from '../../../../src/domain/index.js';
import { queueWrite } from '../../outbox.js';
import { param } from '../../router.js';
import { ScanField } from '../../scan/ScanField.js';
import type { Session } from '../../session.js';
import { useLoad } from '../../ui/useLoad.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { inspectionBody, listOf, operatorIdOf } from './forms.js';
import { keysOf, labels } from './labels.js';
import { chinaDate } from './lists.js';
import { LotsField, Missing } from './parts.js';
import { regulatorWords } from './words.js';

/** How long a rectification order gives by default, in days. */
const RECTIFY_DAYS = 15;

export function InspectionForm({ session }: { session: Session }) {
  const t = regulatorWords();
  const names = labels();
  const [operatorText, setOperatorText] = useState(param('operator') ?? '');
  const [kind, setKind] = useState<InspectionKind>('patrol');
  const [result, setResult] = useState<InspectionResult>('pass');
  const [checked, setChecked] = useState<readonly string[]>([]);
  const [otherItems, setOtherItems] = useState('');
  const [findings, setFindings] = useState('');
  const [rectifyBy, setRectifyBy] = useState(chinaDate(new Date(), RECTIFY_DAYS));
  const [lots, setLots] = useState<string[]>([]);
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const operatorId = operatorIdOf(operatorText);

  const submit = (event: Event): void => {
    event.preventDefault();
    const items = [...new Set([...checked, ...listOf(otherItems)])];
    const built = inspectionBody({ operatorId: operatorText, kind, result, items, findings, rectifyBy, lots });
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite('/v1/inspections', built.body, t.inspectionLabel(built.body.operatorId));
    if (queued) setWriteId(queued.id);
  };
  const toggle = (item: string, on: boolean): void => setChecked((list) => (on ? [...list, item] : list.filter((entry) => entry !== item)));

  return (
    <section class="card" aria-labelledby="new-inspection">
      <h2 id="new-inspection">{t.newInspection}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <ScanField id="inspect-operator" label={t.inspectOperator} want="operator" value={operatorText} onValue={setOperatorText} />
        {operatorId === undefined ? null : <OperatorFound session={session} operatorId={operatorId} />}
        <div class="row even">
          <div>
            <label for="inspect-kind">{t.inspectionKind}</label>
            <select id="inspect-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as InspectionKind)}>
              {keysOf(names.inspectionKinds).map((key) => (
                <option key={key} value={key}>
                  {names.inspectionKinds[key]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="inspect-result">{t.inspectionResult}</label>
            <select id="inspect-result" value={result} onChange={(event) => setResult(event.currentTarget.value as InspectionResult)}>
              {keysOf(names.inspectionResults).map((key) => (
                <option key={key} value={key}>
                  {names.inspectionResults[key]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset class="choices">
          <legend>{t.checkedItems}</legend>
          {t.standardItems.map((item, index) => (
            <label key={item} class="choice" for={`inspect-item-${index}`}>
              <input
                id={`inspect-item-${index}`}
                type="checkbox"
                checked={checked.includes(item)}
                onChange={(event) => toggle(item, event.currentTarget.checked)}
              />
              {item}
            </label>
          ))}
        </fieldset>
        <label for="inspect-other-items">{t.otherItems}</label>
        <input
          id="inspect-other-items"
          autocomplete="off"
          value={otherItems}
          onInput={(event) => setOtherItems(event.currentTarget.value)}
        />
        <label for="inspect-findings">{t.findings}</label>
        <textarea id="inspect-findings" value={findings} onInput={(event) => setFindings(event.currentTarget.value)} />
        {result === 'rectify' ? (
          <>
            <label for="inspect-rectify-by">{t.rectifyBy}</label>
            <input id="inspect-rectify-by" type="date" value={rectifyBy} onInput={(event) => setRectifyBy(event.currentTarget.value)} />
          </>
        ) : null}
        <LotsField id="inspect-lot" label={t.scannedLots} lots={lots} onLots={setLots} />
        <Missing missing={missing} names={{ operatorId: t.inspectOperator, findings: t.findings, rectifyBy: t.rectifyBy }} />
        <button type="submit" class="primary" disabled={write?.state === 'pending'}>
          {t.submitInspection}
        </button>
      </form>
      <WriteStatus write={write}>
        {(answer) => (
          <p>
            {t.inspectionId}：<span data-testid="inspection-id">{(answer as { inspectionId: string }).inspectionId}</span>
          </p>
        )}
      </WriteStatus>
    </section>
  );
}

/** OperatorFound: the scanned operator's name, region and status, or why it could not be read. */
function OperatorFound({ session, operatorId }: { session: Session; operatorId: string }) {
  const t = regulatorWords();
  const load = useLoad(() => readOperator(session, operatorId), [session.key, operatorId]);
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') return <p class="hint">{t.notFoundOffline}</p>;
  return (
    <p class="found" data-testid="inspect-operator-name">
      {load.value.name} · {load.value.region}
    </p>
  );
}
