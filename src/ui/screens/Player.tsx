// The lesson player: title, ladder up to the current frame, both ends' states, the frame's
// fields, the narration, and the key hints. Heights come from the terminal size so the live
// frame never exceeds it (ink-notes §2.3).
import {Box, Text} from 'ink';
import {formatMs, formatRtt} from '../../render/ladder.js';
import {truncate} from '../../render/text.js';
import {FrameDetails} from '../components/FrameDetails.js';
import {HelpBar} from '../components/HelpBar.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {LadderView} from '../components/LadderView.js';
import {Narration} from '../components/Narration.js';
import {StatesPanel} from '../components/StatesPanel.js';
import type {Mode} from '../keys.js';
import {comparison, SPEEDS, type PlayerState} from '../state.js';
import {CompareView} from './CompareView.js';
import {InspectView} from './InspectView.js';
import {OptionsPanel} from './OptionsPanel.js';

const DETAIL_ROWS = 4;
const NARRATION_ROWS = 3;

export function titleLine(player: PlayerState): string {
  const {lesson, part, trace, frame, autoplay, speed} = player;
  const f = trace.frames[frame];
  const parts = lesson.parts.length > 1 ? ` · part ${part + 1}/${lesson.parts.length}: ${lesson.parts[part]!.title}` : '';
  const time = f ? ` · ${formatMs(f.sendMs)} ms (${formatRtt(f.sendMs / trace.rttMs)} RTT)` : '';
  const playing = autoplay ? ` · ▶ ${SPEEDS[speed]} frames/s` : '';
  // Frame and time first: the part title is the one to give way when the line is cut.
  return `${lesson.title} · frame ${frame + 1}/${trace.frames.length}${time} · RTT ${trace.rttMs} ms${playing}${parts}`;
}

function modeOf(player: PlayerState): Mode {
  return player.overlay === 'none' ? 'player' : player.overlay;
}

export function Player({player, width, height}: {player: PlayerState; width: number; height: number}) {
  const {trace, frame} = player;
  const current = trace.frames[frame];
  const previous = frame > 0 ? trace.frames[frame - 1] : undefined;
  const body = height - 2; // title and help bar
  const statesRows = current ? 2 : 0;
  const region = body - statesRows - 1;
  let main;
  switch (player.overlay) {
    case 'options':
      main = <OptionsPanel player={player} width={width} height={region} />;
      break;
    case 'compare': {
      const other = comparison(player);
      main = <CompareView trace={trace} other={other?.trace} label={other?.label ?? ''} choices={other?.count ?? 0} frame={frame} width={width} height={region} />;
      break;
    }
    case 'inspect':
      main = current ? <InspectView trace={trace} frame={frame} field={player.inspect.field} width={width} height={region} /> : null;
      break;
    case 'help':
      main = <HelpOverlay width={width} height={region} />;
      break;
    default: {
      const ladderRows = Math.max(3, region - DETAIL_ROWS - NARRATION_ROWS);
      const narration = current ? [player.lesson.narration(player.part, current.id), ...current.notes].filter((t): t is string => Boolean(t)) : [];
      main = (
        <Box flexDirection="column" height={region}>
          <LadderView trace={trace} frame={frame} width={width} height={ladderRows} />
          {current && <FrameDetails frame={current} rttMs={trace.rttMs} width={width} height={DETAIL_ROWS} />}
          <Narration texts={narration} width={width} height={NARRATION_ROWS} />
        </Box>
      );
    }
  }
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(titleLine(player), width)}</Text>
      {main}
      <Text dimColor>{'─'.repeat(width)}</Text>
      {current && <StatesPanel frame={current} previous={previous} />}
      <HelpBar mode={modeOf(player)} width={width} />
    </Box>
  );
}
