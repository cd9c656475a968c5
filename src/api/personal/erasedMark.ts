/**
 * markErased: a full view names personal data by its vault reference; once
 * the vault has erased it, the view says so (`erased: true`, shown as 已删除).
 * The projections follow the log and never hold the data, so the edge asks
 * the vault. Views without a personal reference pass unchanged.
 */
import type { PersonalVault } from '../../store/index.js';

type Pointer = { readonly ref: string; readonly commitment: string };

const isPointer = (value: unknown): value is Pointer =>
  typeof value === 'object' && value !== null && typeof (value as Pointer).ref === 'string';

export async function markErased<View extends object>(
  vault: PersonalVault | undefined,
  view: View,
  field: 'buyer' | 'contact',
): Promise<View> {
  const pointer = (view as Record<string, unknown>)[field];
  if (!vault || !isPointer(pointer)) return view;
  const entry = await vault.readPersonal(pointer.ref);
  return entry?.erased ? { ...view, [field]: { ...pointer, erased: true } } : view;
}
