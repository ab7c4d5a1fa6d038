// The lesson player: the header, the ladder up to the current frame, the lesson's words and the
// frame's fields (scrolling when they do not fit), both ends' states, and the key hints. The rows
// are shared out in layout.ts; the live frame never exceeds the terminal (ink-notes §2.3).
import {Box, Text} from 'ink';
import {HelpBar} from '../common/HelpBar.js';
import {HelpOverlay} from '../common/HelpOverlay.js';
import type {Binding, Mode} from '../common/keys.js';
import {ScrollView} from '../common/scroll.js';
import {CompareView} from './CompareView.js';
import {InspectView} from './InspectView.js';
import {PLAYER_SCREEN_BINDINGS} from './keys.js';
import {KnobsPanel} from './KnobsPanel.js';
import {LadderView} from './LadderView.js';
import {bodyRows, layoutPlayer} from './layout.js';
import {answerMask} from './checkpoints.js';
import {completionLines, completionOf} from './completion.js';
import {labOverlayLines} from './lab-lines.js';
import {comparison, FIXED_ACTIONS, isFixed, type PlayerState} from './model.js';
import {StatesPanel} from './StatesPanel.js';

export {frameTexts} from './layout.js';

function modeOf(player: PlayerState): Mode {
  return player.overlay === 'none' ? 'player' : player.overlay;
}

export interface PlayerProps {
  player: PlayerState;
  width: number;
  height: number;
  /** For a projector: no checkpoints or frame fields, more room for the diagram. */
  presenter?: boolean;
  /** The keys the help bar and `?` overlay list (the whole tutor's from the root). */
  bindings?: readonly Binding[];
  /** The title of the lesson after this one, for the completion screen. */
  next?: string;
}

export function Player({player, width, height, presenter = false, bindings: all = PLAYER_SCREEN_BINDINGS, next}: PlayerProps) {
  // A capture has no knobs, contrasts, lab or predictions: their keys are not offered.
  // Without a lesson after this one (the last, a scenario walked alone) "next lesson" is not offered.
  const offered = next === undefined ? all.filter((b) => b.action !== 'nextLesson') : all;
  const bindings = isFixed(player) ? offered.filter((b) => !FIXED_ACTIONS.has(b.action)) : offered;
  const {trace, frame} = player;
  const current = trace.frames[frame];
  const layout = layoutPlayer(player, width, height, presenter);
  // A checkpoint being asked hides its answer wherever the screen would show it.
  const mask = presenter ? undefined : answerMask(player);
  const region = bodyRows(player, width, height);
  let main;
  switch (player.overlay) {
    case 'options':
      main = <KnobsPanel player={player} width={width} height={region} />;
      break;
    case 'compare': {
      const other = comparison(player);
      main = <CompareView trace={trace} other={other?.trace} label={other?.label ?? ''} choice={player.compare.choice} choices={other?.count ?? 0} frame={frame} width={width} height={region} />;
      break;
    }
    case 'inspect':
      main = current ? <InspectView trace={trace} frame={frame} field={player.inspect.field} width={width} height={region} /> : null;
      break;
    case 'lab':
      main = (
        <Box flexDirection="column" height={region}>
          <ScrollView lines={labOverlayLines(player, width).map((text, i) => ({text, bold: i === 0}))} rows={region} offset={player.scroll} />
        </Box>
      );
      break;
    case 'help':
      main = <HelpOverlay bindings={bindings} width={width} height={region} offset={player.scroll} first="player" />;
      break;
    case 'complete':
      main = (
        <Box flexDirection="column" height={region}>
          <ScrollView lines={completionLines(player, completionOf(player), next, width)} rows={region} offset={player.scroll} />
        </Box>
      );
      break;
    default:
      main = (
        <Box flexDirection="column" height={region}>
          <LadderView trace={trace} frame={frame} width={width} height={layout.ladderRows} toScale={player.toScale} mask={mask} />
          <ScrollView lines={layout.text} rows={layout.textRows} offset={player.scroll} />
        </Box>
      );
  }
  return (
    <Box flexDirection="column" height={height}>
      {layout.header.map((line, i) => (
        <Text key={`h${i}`} bold>
          {line}
        </Text>
      ))}
      {main}
      <Text dimColor>{'─'.repeat(width)}</Text>
      {current ? <StatesPanel trace={trace} frame={frame} width={width - 2} mask={mask} /> : <Text> </Text>}
      <HelpBar bindings={bindings} mode={modeOf(player)} width={width} />
    </Box>
  );
}
