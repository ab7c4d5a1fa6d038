// The root: owns the state (one reducer) and the keyboard (one useInput), lays out from the
// terminal size, runs autoplay, and saves the learner's place as they move. Screens below it only draw.
import {Box, useApp, useInput, useStdin} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import {HelpBar} from './components/HelpBar.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {useInterval} from './hooks/use-interval.js';
import {useWindowSize} from './hooks/use-window-size.js';
import {actionFor, keyNames, type Mode} from './keys.js';
import type {ProgressPort, TutorLesson} from './ports.js';
import {dueQuestions} from '../quiz/index.js';
import {sessionRecord, startInterview, startQuiz, startReview, type Session} from '../quiz/session.js';
import {quizMode} from './quiz-state.js';
import {Home} from './screens/Home.js';
import {Player} from './screens/Player.js';
import {QuizScreen} from './screens/QuizScreen.js';
import {TooSmall, tooSmall} from './screens/TooSmall.js';
import {homeItems, initialState, positionOf, reduce, SPEEDS, type Context, type Event, type SessionKind, type State} from './state.js';

export interface QuizStart {
  kind: SessionKind;
  count?: number;
  topic?: string;
  seed?: number;
}

export interface AppProps {
  lessons: TutorLesson[];
  progress: ProgressPort;
  /** Open this lesson at once (`hs-tutor lesson <id>`), at its saved place. */
  lessonId?: string;
  /** Start a quiz, drill or review at once (`hs-tutor quiz`, `quiz --interview`, `review`). */
  quiz?: QuizStart;
  /** The clock (HS_TUTOR_NOW moves it in tests and demos). */
  now?: () => Date;
  /** Sentences the learner must see on the home screen (a broken lesson folder). */
  notices?: readonly string[];
  /** For a projector: no checkpoints or frame fields, more room for the diagram. */
  presenter?: boolean;
}

export function modeOf(state: State): Mode {
  if (state.screen === 'home') return state.home.help ? 'help' : 'home';
  if (state.screen === 'quiz') return quizMode(state.quiz!);
  const overlay = state.player!.overlay;
  return overlay === 'none' ? 'player' : overlay;
}

function newSession(kind: SessionKind, progress: ProgressPort, now: Date, options: Omit<QuizStart, 'kind'> = {}): Session {
  // A seed from the clock: a new quiz each time; --seed repeats one.
  const seed = options.seed ?? now.getTime() % 2_147_483_647;
  const pick = {...(options.count === undefined ? {} : {count: options.count}), ...(options.topic === undefined ? {} : {topic: options.topic})};
  if (kind === 'interview') return startInterview({seed, now, ...pick});
  if (kind === 'review') return startReview(progress.reviewDeck(), now);
  return startQuiz({seed, now, ...pick});
}

export function App({lessons, progress, lessonId, quiz: quizStart, now = () => new Date(), notices = [], presenter = false}: AppProps) {
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const {columns, rows} = useWindowSize();
  const context = useRef<Context>({
    latest: undefined,
    position: (id) => progress.position(id),
    session: (kind) => {
      const at = now();
      return {session: newSession(kind, progress, at), now: at};
    },
  });
  context.current.latest = progress.latest()?.lessonId;
  const [state, dispatch] = useReducer(
    (s: State, e: Event) => reduce(s, e, context.current),
    undefined,
    () => {
      const first = initialState(lessons, lessonId ? {lessonId, position: progress.position(lessonId)} : undefined);
      if (!quizStart) return first;
      const at = now();
      return reduce(first, {type: 'quiz-start', session: newSession(quizStart.kind, progress, at, quizStart), now: at});
    },
  );

  // Each press is looked up in the mode of the state it lands in, so 'qq' goes back, then quits.
  const latest = useRef(state);
  latest.current = state;
  useInput(
    (input, key) => {
      for (const name of keyNames(input, key)) {
        const action = actionFor(modeOf(latest.current), name);
        if (!action) continue;
        const event: Event = {type: 'key', action, key: name, now: now()};
        latest.current = reduce(latest.current, event, context.current);
        dispatch(event);
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
  useInterval(() => dispatch({type: 'tick'}), autoplaySpeed === undefined ? undefined : 1000 / autoplaySpeed);

  // A drill's clock: time running out ends it even when no key is pressed.
  const quiz = state.quiz;
  const timed = quiz !== null && quiz.session.deadline !== null && quiz.session.finishedAt === null;
  useInterval(() => dispatch({type: 'quiz-tick', now: now()}), timed ? 250 : undefined);

  // A finished session goes to the progress store once: history, and each answer for review.
  const finished = quiz !== null && quiz.session.finishedAt !== null && !quiz.saved;
  useEffect(() => {
    if (!finished || !quiz) return;
    const record = sessionRecord(quiz.session);
    if (record.entry.asked > 0) progress.recordQuiz(record);
    dispatch({type: 'quiz-saved'});
  }, [finished]);

  // Saved on every move, after the frame is drawn; a completed lesson stays completed.
  const where = player ? `${player.lesson.id}:${player.part}:${player.frame}:${player.trace.frames[player.frame]?.id}` : '';
  useEffect(() => {
    if (!player || player.lesson.transient) return;
    const position = positionOf(player);
    const before = progress.position(player.lesson.id);
    progress.save(player.lesson.id, before?.status === 'completed' ? {...position, status: 'completed'} : position);
  }, [where]);

  // One row is kept free: a frame as tall as the terminal makes Ink 6 clear the screen on every render.
  const height = rows - 1;
  if (tooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  if (state.screen === 'player' && player) return <Player player={player} width={columns} height={height} presenter={presenter} />;
  if (state.screen === 'quiz' && quiz) {
    return (
      <Box flexDirection="column" height={height}>
        <QuizScreen quiz={quiz} width={columns} height={height - 1} />
        <HelpBar mode={modeOf(state)} width={columns} />
      </Box>
    );
  }
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
        due={dueQuestions(progress.reviewDeck(), now()).length}
        notices={[...notices, ...progress.notices()]}
        width={columns}
        height={height - 1}
      />
      <HelpBar mode="home" width={columns} />
    </Box>
  );
}
