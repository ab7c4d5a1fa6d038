// One line of key hints for the current mode, cut to the width (Bubble Tea's help-bar convention).
import {Text} from 'ink';
import {truncate} from '../../render/text.js';
import {bindingsFor, keyLabel, type Mode} from '../keys.js';

export function helpBarText(mode: Mode): string {
  return bindingsFor(mode)
    .filter((b) => !b.barHidden)
    .map((b) => `${keyLabel(b.keys[0]!)} ${b.label}`)
    .join(' • ');
}

export function HelpBar({mode, width}: {mode: Mode; width: number}) {
  return <Text dimColor>{truncate(helpBarText(mode), width)}</Text>;
}
