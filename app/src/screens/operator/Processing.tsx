/** Processing: filled in by issue 14's operator screens. */
import type { Session } from '../../session.js';
import { screenTitles } from '../../screenWords.js';
import { Screen } from '../../ui/Screen.js';

export function Processing(_props: { session: Session }) {
  return <Screen title={screenTitles().processing.title}>{null}</Screen>;
}
