// The lesson player: title, ladder up to the current frame, both ends' states, the frame's
// fields, the narration, and the key hints. Heights come from the terminal size so the live
// frame never exceeds it (ink-notes §2.3).
import {Box, Text} from 'ink';
import {formatMs, formatRtt} from '../../render/ladder.js';
import {truncate} from '../../render/text.js';
import {HelpBar} from '../common/HelpBar.js';
import {HelpOverlay} from '../common/HelpOverlay.js';
import type {Binding, Mode} from '../common/keys.js';
import {CompareView} from './CompareView.js';
import {FrameDetails, wrappedDetailLines} from './FrameDetails.js';
import {InspectView} from './InspectView.js';
import {PLAYER_SCREEN_BINDINGS} from './keys.js';
import {KnobsPanel} from './KnobsPanel.js';
import {LadderView} from './LadderView.js';
import {checkpointsHere, comparison, SPEEDS, type PlayerState} from './model.js';
import {Narration, wrappedLines} from './Narration.js';
import {StatesPanel} from './StatesPanel.js';

/** The frame's fields take what they need, up to this many rows. */
const MAX_DETAIL_ROWS = 6;
const NARRATION_ROWS = 3;
/** The diagram keeps at least this many rows when a frame has a lot to say. */
const MIN_LADDER_ROWS = 6;

/** Everything the lesson says at this frame, in reading order; the presenter leaves out the checkpoints. */
export function frameTexts(player: PlayerState, presenter: boolean): string[] {
  const {lesson, part, trace, frame, knobs, rttMs} = player;
  const current = trace.frames[frame];
  if (!current) return [];
  const run = {knobs, rttMs};
  const texts: string[] = [];
  const edges = lesson.partText?.(part, run);
  if (frame === 0 && edges?.intro) texts.push(edges.intro);
  const section = lesson.section?.(part, current.id, run);
  const narration = section ? section.text : lesson.narration(part, current.id, run);
  if (narration) texts.push(narration);
  for (const c of section?.corrections ?? []) texts.push(`✎ ${c.source} says: ${c.claim} Actually: ${c.actually} Why: ${c.why}`);
  if (!presenter) {
    // Each answered checkpoint keeps its verdict; the first unanswered one is asked after them.
    for (const {checkpoint, chosen} of checkpointsHere(player)) {
      if (chosen === undefined) {
        const choices = checkpoint.choices.map((choice, i) => `${i + 1}) ${choice}`).join('   ');
        texts.push(`? ${checkpoint.ask}   ${choices}   (press a number)`);
        break;
      }
      const verdict = chosen === checkpoint.answer ? '✓ Right' : `✗ Not quite: it is ${checkpoint.answer + 1}) ${checkpoint.choices[checkpoint.answer]}`;
      texts.push(`? ${checkpoint.ask}   ${verdict}.${checkpoint.explain ? ` ${checkpoint.explain}` : ''}`);
    }
  }
  texts.push(...current.notes);
  if (frame === trace.frames.length - 1 && edges?.end) texts.push(edges.end);
  return texts;
}

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

export interface PlayerProps {
  player: PlayerState;
  width: number;
  height: number;
  /** For a projector: no checkpoints or frame fields, more room for the diagram. */
  presenter?: boolean;
  /** The keys the help bar and `?` overlay list (the whole tutor's from the root). */
  bindings?: readonly Binding[];
}

export function Player({player, width, height, presenter = false, bindings = PLAYER_SCREEN_BINDINGS}: PlayerProps) {
  const {trace, frame} = player;
  const current = trace.frames[frame];
  const body = height - 2; // title and help bar
  const statesRows = current ? 2 : 0;
  const region = body - statesRows - 1;
  let main;
  switch (player.overlay) {
    case 'options':
      main = <KnobsPanel player={player} width={width} height={region} />;
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
      main = <HelpOverlay bindings={bindings} width={width} height={region} />;
      break;
    default: {
      // The presenter's projector gets the diagram and the words; the fields stay on the laptop.
      const detailRows = current && !presenter ? Math.min(MAX_DETAIL_ROWS, wrappedDetailLines(current, trace.rttMs, width).length) : 0;
      const texts = frameTexts(player, presenter);
      const wanted = wrappedLines(texts, width).length;
      const narrationRows = Math.max(NARRATION_ROWS, Math.min(wanted, region - detailRows - MIN_LADDER_ROWS));
      const ladderRows = Math.max(3, region - detailRows - narrationRows);
      main = (
        <Box flexDirection="column" height={region}>
          <LadderView trace={trace} frame={frame} width={width} height={ladderRows} />
          {detailRows > 0 && current && <FrameDetails frame={current} rttMs={trace.rttMs} width={width} height={detailRows} />}
          <Narration texts={texts} width={width} height={narrationRows} />
        </Box>
      );
    }
  }
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(titleLine(player), width)}</Text>
      {main}
      <Text dimColor>{'─'.repeat(width)}</Text>
      {current && <StatesPanel trace={trace} frame={frame} width={width - 2} />}
      <HelpBar bindings={bindings} mode={modeOf(player)} width={width} />
    </Box>
  );
}
