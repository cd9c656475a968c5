/** Label sizes (millimetres) and how copies of a label tile an A4 sheet. */
import { z } from 'zod';

export const LABEL_SIZES = {
  /** A thermal label printer's common roll. */
  '60x40': { width: 60, height: 40 },
  '100x70': { width: 100, height: 70 },
} as const;
export type LabelSize = keyof typeof LABEL_SIZES;

/** ?size= and ?copies= of the label routes: without copies one label, with copies A4 sheets of them. */
export const LabelQuerySchema = z.object({
  size: z.enum(Object.keys(LABEL_SIZES) as [LabelSize, ...LabelSize[]]).default('60x40'),
  copies: z.coerce.number().int().min(1).max(100).optional(),
});
export type LabelQuery = z.infer<typeof LabelQuerySchema>;

export const A4 = { width: 210, height: 297 } as const;
/** Room left at the sheet's edges (most office printers cannot print the last 3–4 mm) and between labels, for cutting. */
const SHEET_MARGIN = 4;
const GAP = 2;

export interface SheetGrid {
  readonly columns: number;
  readonly rows: number;
  /** Top-left corner of the first label, so that the grid sits in the middle of the sheet. */
  readonly left: number;
  readonly top: number;
  readonly pitchX: number;
  readonly pitchY: number;
}

/** sheetGrid: how many labels of `size` an A4 sheet holds, and where. */
export function sheetGrid(size: LabelSize): SheetGrid {
  const { width, height } = LABEL_SIZES[size];
  const pitchX = width + GAP;
  const pitchY = height + GAP;
  const columns = Math.floor((A4.width - 2 * SHEET_MARGIN + GAP) / pitchX);
  const rows = Math.floor((A4.height - 2 * SHEET_MARGIN + GAP) / pitchY);
  return {
    columns,
    rows,
    left: (A4.width - (columns * pitchX - GAP)) / 2,
    top: (A4.height - (rows * pitchY - GAP)) / 2,
    pitchX,
    pitchY,
  };
}
