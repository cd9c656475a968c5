/** Reports: filled in by issue 14's reports screens. */
import type { Session } from '../../session.js';
import { screenTitles } from '../../screenWords.js';
import { Screen } from '../../ui/Screen.js';

export function Reports(_props: { session: Session }) {
  return <Screen title={screenTitles().reports.title}>{null}</Screen>;
}
