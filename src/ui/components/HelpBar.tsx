// One line of key hints for the current mode, cut to the width (Bubble Tea's help-bar convention).
import {Text} from 'ink';
import {truncate} from '../../render/text.js';
import {helpBarText} from '../home-text.js';
import type {Mode} from '../keys.js';

export {helpBarText};

export function HelpBar({mode, width}: {mode: Mode; width: number}) {
  return <Text dimColor>{truncate(helpBarText(mode), width)}</Text>;
}
