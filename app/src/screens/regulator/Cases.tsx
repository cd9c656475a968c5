/** Cases: filled in by issue 14's regulator screens. */
import type { Session } from '../../session.js';
import { screenTitles } from '../../screenWords.js';
import { Screen } from '../../ui/Screen.js';

export function Cases(_props: { session: Session }) {
  return <Screen title={screenTitles().cases.title}>{null}</Screen>;
}
