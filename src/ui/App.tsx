// The root: owns the state (one reducer) and the keyboard (one useInput), lays out from the
// terminal size, runs autoplay, and saves the learner's place as they move. Screens below it only draw.
import {Box, useApp, useInput, useStdin} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import {HelpBar} from './components/HelpBar.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {useWindowSize} from './hooks/use-window-size.js';
import {actionFor, keyNames, type Mode} from './keys.js';
import type {ProgressPort, TutorLesson} from './ports.js';
import {Home} from './screens/Home.js';
import {Player} from './screens/Player.js';
import {TooSmall, tooSmall} from './screens/TooSmall.js';
import {homeItems, initialState, positionOf, reduce, SPEEDS, type Context, type Event, type State} from './state.js';

export interface AppProps {
  lessons: TutorLesson[];
  progress: ProgressPort;
  /** Open this lesson at once (`hs-tutor lesson <id>`), at its saved place. */
  lessonId?: string;
}

export function modeOf(state: State): Mode {
  if (state.screen === 'home') return state.home.help ? 'help' : 'home';
  const overlay = state.player!.overlay;
  return overlay === 'none' ? 'player' : overlay;
}

export function App({lessons, progress, lessonId}: AppProps) {
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const {columns, rows} = useWindowSize();
  const context = useRef<Context>({latest: undefined, position: (id) => progress.position(id)});
  context.current.latest = progress.latest()?.lessonId;
  const [state, dispatch] = useReducer(
    (s: State, e: Event) => reduce(s, e, context.current),
    undefined,
    () => initialState(lessons, lessonId ? {lessonId, position: progress.position(lessonId)} : undefined),
  );

  // Each press is looked up in the mode of the state it lands in, so 'qq' goes back, then quits.
  const latest = useRef(state);
  latest.current = state;
  useInput(
    (input, key) => {
      for (const name of keyNames(input, key)) {
        const action = actionFor(modeOf(latest.current), name);
        if (!action) continue;
        latest.current = reduce(latest.current, {type: 'key', action}, context.current);
        dispatch({type: 'key', action});
      }
    },
    // isRawModeSupported is undefined, not false, without a TTY (ink-notes §2.1).
    {isActive: Boolean(isRawModeSupported)},
  );

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const player = state.player;
  const autoplaySpeed = player?.autoplay ? SPEEDS[player.speed] : undefined;
  useEffect(() => {
    if (autoplaySpeed === undefined) return;
    const timer = setInterval(() => dispatch({type: 'tick'}), 1000 / autoplaySpeed);
    return () => clearInterval(timer);
  }, [autoplaySpeed]);

  // Saved on every move, after the frame is drawn; a completed lesson stays completed.
  const where = player ? `${player.lesson.id}:${player.part}:${player.frame}:${player.trace.frames[player.frame]?.id}` : '';
  useEffect(() => {
    if (!player) return;
    const position = positionOf(player);
    const before = progress.position(player.lesson.id);
    progress.save(player.lesson.id, before?.status === 'completed' ? {...position, status: 'completed'} : position);
  }, [where]);

  // One row is kept free: a frame as tall as the terminal makes Ink 6 clear the screen on every render.
  const height = rows - 1;
  if (tooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  if (player) return <Player player={player} width={columns} height={height} />;
  if (state.home.help) {
    return (
      <Box flexDirection="column" height={height}>
        <HelpOverlay width={columns} height={height - 1} />
        <HelpBar mode="help" width={columns} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Home
        items={homeItems(state, context.current.latest)}
        cursor={state.home.cursor}
        lessons={lessons}
        position={(id) => progress.position(id)}
        width={columns}
        height={height - 1}
      />
      <HelpBar mode="home" width={columns} />
    </Box>
  );
}
