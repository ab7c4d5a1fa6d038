// One line of key hints for the current mode, cut to the width (Bubble Tea's help-bar convention).
import {Text} from 'ink';
import {truncate} from '../../render/text.js';
import {helpBarText, type Binding, type Mode} from './keys.js';

export function HelpBar({bindings, mode, width}: {bindings: readonly Binding[]; mode: Mode; width: number}) {
  return <Text dimColor>{truncate(helpBarText(bindings, mode), width)}</Text>;
}
