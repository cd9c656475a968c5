/** What a form still needs before it can be queued: the labels of the fields left empty or not a number above 0. */
import { operatorWords } from './words.js';

export function FormProblem({ missing, labels }: { missing: readonly string[]; labels: Record<string, string> }) {
  const t = operatorWords();
  if (missing.length === 0) return null;
  return (
    <p role="alert" class="problem" data-testid="form-problem">
      {t.required}
      {missing.map((id) => labels[id] ?? id).join('、')}
    </p>
  );
}
