/**
 * Printing a lot's label (统一追溯标识 with its certificate, 证码合一), served by the pages at
 * /c/{code}/label.svg and .png: a size, a number of copies (one label, or A4 sheets of them), a
 * preview, and 打印标签, which opens the printable label in a new tab (SVG, printed at its size in mm).
 */
import { useState } from 'preact/hooks';
import type { LabelSize } from '../../../../src/api/pages/label/sizes.js';
import { operatorWords } from './words.js';

const SIZES: Record<LabelSize, string> = { '60x40': '60 × 40 mm', '100x70': '100 × 70 mm' };

/** labelUrl: where the label of `code` is served; more than one copy asks for A4 sheets. */
export function labelUrl(code: string, format: 'svg' | 'png', size: LabelSize, copies: number): string {
  const query = new URLSearchParams({ size });
  if (copies > 1) query.set('copies', String(copies));
  return `/c/${encodeURIComponent(code)}/label.${format}?${query}`;
}

export function LabelPrint({ code, id }: { code: string; id: string }) {
  const t = operatorWords();
  const [size, setSize] = useState<LabelSize>('60x40');
  const [copiesText, setCopiesText] = useState('1');
  const copies = Math.min(100, Math.max(1, Math.floor(Number(copiesText)) || 1));
  return (
    <section class="label-print" aria-label={`${t.label} ${code}`} data-testid={`${id}-label`}>
      <div class="row">
        <div>
          <label for={`${id}-label-size`}>{t.labelSize}</label>
          <select id={`${id}-label-size`} value={size} onChange={(event) => setSize(event.currentTarget.value as LabelSize)}>
            {(Object.keys(SIZES) as LabelSize[]).map((choice) => (
              <option key={choice} value={choice}>
                {SIZES[choice]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={`${id}-label-copies`}>{t.labelCopies}</label>
          <input
            id={`${id}-label-copies`}
            type="number"
            min="1"
            max="100"
            inputMode="numeric"
            value={copiesText}
            aria-describedby={`${id}-label-copies-help`}
            onInput={(event) => setCopiesText(event.currentTarget.value)}
          />
        </div>
      </div>
      <p id={`${id}-label-copies-help`} class="hint">
        {t.labelCopiesHelp}
      </p>
      <img class="label-preview" src={labelUrl(code, 'svg', size, 1)} alt={`${t.labelPreview} ${code}`} />
      <div class="actions">
        <a
          class="button primary"
          href={labelUrl(code, 'svg', size, copies)}
          target="_blank"
          rel="noopener"
          data-testid={`${id}-label-print`}
        >
          {t.printLabel}
        </a>
        <a
          class="button secondary"
          href={labelUrl(code, 'png', size, copies)}
          download={`${code}-${size}.png`}
          data-testid={`${id}-label-png`}
        >
          {t.labelPng}
        </a>
      </div>
    </section>
  );
}
