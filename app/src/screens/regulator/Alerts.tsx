/** Alerts: filled in by issue 14's regulator screens. */
import type { Session } from '../../session.js';
import { screenTitles } from '../../screenWords.js';
import { Screen } from '../../ui/Screen.js';

export function Alerts(_props: { session: Session }) {
  return <Screen title={screenTitles().alerts.title}>{null}</Screen>;
}
