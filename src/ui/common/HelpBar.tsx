// One line of key hints for the current mode, as many as fit whole (Bubble Tea's help-bar convention).
import {Text} from 'ink';
import {helpBarText, type Binding, type Mode} from './keys.js';

export function HelpBar({bindings, mode, width}: {bindings: readonly Binding[]; mode: Mode; width: number}) {
  return <Text dimColor>{helpBarText(bindings, mode, width)}</Text>;
}
