// The root: owns the model (one update per key) and the keyboard (useKeys), lays out from the
// terminal size, runs the clocks (autoplay, a drill's time), and keeps progress: the learner's
// place is saved once they pause and whenever they leave a lesson, and a finished session once.
// Screens below it only draw.
import {Box, useApp, useStdout} from 'ink';
import {UsageError} from '../../engine/errors.js';
import {safeText} from '../../curriculum/sanitize.js';
import {useEffect, useMemo, useRef, useState} from 'react';
import {HelpBar} from '../common/HelpBar.js';
import {HelpOverlay, helpLines} from '../common/HelpOverlay.js';
import {actionFor} from '../common/keys.js';
import {maxScroll} from '../common/scroll.js';
import {TooSmall, tooSmall} from '../common/TooSmall.js';
import {useInterval} from '../common/use-interval.js';
import {useKeys} from '../common/use-keys.js';
import {useWindowSize} from '../common/use-window-size.js';
import {Home} from '../home/Home.js';
import {homeItems, type HomeState} from '../home/model.js';
import {topicItems, TOPICS_SUBTITLE} from '../home/topics.js';
import {layoutKnobs} from '../player/knobs-layout.js';
import {completionLines, completionOf} from '../player/completion.js';
import {labOverlayLines} from '../player/lab-lines.js';
import {bodyRows, layoutPlayer} from '../player/layout.js';
import {SPEEDS, type PlayerState} from '../player/model.js';
import {Player} from '../player/Player.js';
import {layoutQuiz} from '../quiz/quiz-layout.js';
import {QuizScreen} from '../quiz/QuizScreen.js';
import {BINDINGS} from './bindings.js';
import {newSession, NOTHING_READ, openAt, readHome, recordAttempts, recordPredictions, recordSession, savedAnswers, savePlace, targetAfterLeaving, type QuizStart} from './effects.js';
import {initialState, modeOf, nextLesson, reduce, type Context, type Event, type SessionKind, type State} from './model.js';
import type {ProgressPort, TutorLesson} from './ports.js';

export {modeOf};
export type {QuizStart};

/** What the terminal's owner offers the root: a way to run code on every exit path, and repaints. */
export interface TerminalHooks {
  /** Runs `cleanup` before the terminal is given back, however the program ends; returns an undo. */
  onClose(cleanup: () => void): () => void;
  /** Calls `repaint` when the whole screen must be drawn again (after a suspend). */
  onRepaint(repaint: () => void): () => void;
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
  /** Predict mode from the first frame, with this seed ordering the choices (`lesson --predict`, `predict`). */
  predict?: number;
  /** The round-trip time to open the lesson with (`predict --rtt`). */
  rttMs?: number;
  /** Where the home screen painted before Ink left its cursor (src/cli/first-paint.ts). */
  home?: HomeState;
  terminal?: TerminalHooks;
  /** Told after each frame is drawn (the heap keeper collects garbage then). */
  onFrame?: () => void;
}

/** How long the learner's place waits to be saved after a move: a pause, not every key. */
export const SAVE_AFTER_MS = 400;


export function App({lessons, progress, lessonId, quiz: quizStart, now = () => new Date(), notices = [], presenter = false, predict, rttMs, home, terminal, onFrame}: AppProps) {
  const {exit} = useApp();
  const {write} = useStdout();
  const {columns, rows} = useWindowSize();

  const [state, setState] = useState<State>(() => {
    const first = {...initialState(lessons, lessonId ? openAt(progress, lessonId, predict, rttMs) : undefined, home, presenter), counting: progress.counting()};
    if (!quizStart) return first;
    const at = now();
    return reduce(first, {type: 'quiz-start', session: newSession(quizStart.kind, progress, at, quizStart, lessons), now: at});
  });
  // The model a key lands in: keys in one burst each see the one before ('qq' goes back, then quits).
  const latest = useRef(state);

  // Progress as the home screen shows it, read when the home screen comes into view.
  const onHome = state.screen === 'home';
  const snapshot = useMemo(() => (onHome ? readHome(progress, lessons, now()) : NOTHING_READ), [onHome]);
  const context = useRef<Context>({position: (id) => progress.position(id), answers: (id) => savedAnswers(progress, id)});
  context.current.target = snapshot.target;
  context.current.practice = snapshot.practice;
  context.current.continueTarget = (left) => targetAfterLeaving(progress, lessons, now(), left);
  // The scrolled text on screen, as the views lay it out at this size (the model cannot know it).
  context.current.viewport = (s) => {
    const height = rows - 1;
    if (s.screen === 'home' && s.home.help) {
      const lines = helpLines(BINDINGS, columns).length;
      const room = height - 3;
      return {max: maxScroll(lines, room), page: room};
    }
    if (s.screen === 'quiz' && s.quiz) {
      // The quiz's help bar takes the last row.
      const layout = layoutQuiz(s.quiz, columns);
      const room = height - 1 - layout.header.length;
      return {max: maxScroll(layout.body.length, room), page: room};
    }
    const p = s.player;
    if (s.screen !== 'player' || !p) return undefined;
    if (p.overlay === 'help') {
      const room = bodyRows(p, columns, height) - 1;
      return {max: maxScroll(helpLines(BINDINGS, columns).length, room), page: room};
    }
    if (p.overlay === 'options') {
      const knobs = layoutKnobs(p, columns, bodyRows(p, columns, height));
      return {max: maxScroll(knobs.detail.length, knobs.detailRows), page: knobs.detailRows};
    }
    if (p.overlay === 'lab') {
      const room = bodyRows(p, columns, height);
      return {max: maxScroll(labOverlayLines(p, columns).length, room), page: room};
    }
    if (p.overlay === 'complete') {
      const room = bodyRows(p, columns, height);
      return {max: maxScroll(completionLines(p, completionOf(p), nextLesson(lessons, p)?.title, columns).length, room), page: room};
    }
    if (p.overlay !== 'none') return undefined;
    const layout = layoutPlayer(p, columns, height, presenter);
    return {max: maxScroll(layout.text.length, layout.textRows), page: layout.textRows};
  };
  context.current.session = (kind, options = {}) => {
    const at = now();
    return {session: newSession(kind, progress, at, options, lessons), now: at};
  };

  // The learner's place: saved once they pause, or at once when they leave the lesson or the
  // program ends (however it ends), never on every key: a save is a locked, synced file write.
  const unsaved = useRef<PlayerState | null>(null);
  const saveNow = () => {
    if (unsaved.current) savePlace(progress, unsaved.current);
    unsaved.current = null;
  };

  const dispatch = (event: Event): void => {
    const previous = latest.current;
    const next = reduce(previous, event, context.current);
    if (next === previous) return;
    // Leaving a lesson saves where it was left, before the home screen reads progress for Continue
    // (keys typed in one burst leave before any redraw, so the model's place is the one to save).
    if (previous.player && next.player?.lesson !== previous.player.lesson) {
      unsaved.current = previous.player;
      saveNow();
    }
    recordAttempts(progress, previous.player, next.player);
    recordPredictions(progress, previous.player, next.player);
    latest.current = next;
    setState(next);
  };

  // Each key is looked up in the mode of the model it lands in, so 'qq' goes back, then quits.
  useKeys((name) => {
    const action = actionFor(BINDINGS, modeOf(latest.current), name);
    if (action) dispatch({type: 'key', action, key: name, now: now()});
  });

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useEffect(() => onFrame?.());

  // After a suspend the screen is blank: writing nothing makes Ink clear and draw its last frame whole.
  useEffect(() => terminal?.onRepaint(() => write('')), [terminal, write]);

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
    recordSession(progress, quiz.session);
    dispatch({type: 'quiz-saved'});
  }, [finished]);

  // The lab runs real sockets, so the root runs it, loaded only when first asked for (node:tls
  // and the relay cost the start-up nothing); a report for knobs no longer on show is dropped.
  const labRun = player?.overlay === 'lab' && player.lab?.status === 'running' ? player : null;
  useEffect(() => {
    if (!labRun?.lab) return;
    const key = labRun.lab.key;
    import('../../lab/index.js')
      .then(({runLab}) => runLab(labRun.lesson.parts[labRun.part]!.scenario, labRun.knobs, labRun.rttMs))
      .then(
        (report) => dispatch({type: 'lab-done', key, report}),
        (error: unknown) => dispatch({type: 'lab-done', key, message: error instanceof UsageError ? error.message : `The lab could not run: ${safeText(String((error as Error)?.message ?? error))}.`}),
      );
  }, [labRun?.lab?.key]);

  // The counting setting, switched on the home screen, is kept with the progress at once.
  useEffect(() => {
    if (state.counting !== undefined && state.counting !== progress.counting()) progress.setCounting(state.counting);
  }, [state.counting]);

  const where = player ? `${player.lesson.id}:${player.part}:${player.frame}:${player.trace.frames[player.frame]?.id}` : '';
  useEffect(() => {
    if (!player) return;
    unsaved.current = player;
    const timer = setTimeout(saveNow, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [where]);
  // Quitting, a signal, a crash: whatever is unsaved is saved before the terminal is given back.
  useEffect(() => {
    const undo = terminal?.onClose(saveNow);
    return () => {
      undo?.();
      saveNow();
    };
  }, []);

  // One row is kept free: a frame as tall as the terminal makes Ink 6 clear the screen on every render.
  const height = rows - 1;
  if (tooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  if (state.screen === 'player' && player) return <Player player={player} width={columns} height={height} presenter={presenter} bindings={BINDINGS} next={nextLesson(lessons, player)?.title} />;
  const mode = modeOf(state);
  if (state.screen === 'quiz' && quiz) {
    return (
      <Box flexDirection="column" height={height}>
        <QuizScreen quiz={quiz} width={columns} height={height - 1} />
        <HelpBar bindings={BINDINGS} mode={mode} width={columns} />
      </Box>
    );
  }
  if (state.home.help) {
    return (
      <Box flexDirection="column" height={height}>
        <HelpOverlay bindings={BINDINGS} width={columns} height={height - 1} offset={state.home.scroll ?? 0} />
        <HelpBar bindings={BINDINGS} mode="help" width={columns} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Home
        items={state.home.topics ? topicItems() : homeItems(state.lessons, snapshot.target, snapshot.practice)}
        cursor={state.home.topics ? state.home.topics.cursor : state.home.cursor}
        lessons={lessons}
        position={(id) => snapshot.positions.get(id)}
        due={snapshot.due}
        notices={[...notices, ...snapshot.notices]}
        {...(state.counting === undefined ? {} : {counting: state.counting})}
        width={columns}
        height={height - 1}
        {...(state.home.topics ? {subtitle: TOPICS_SUBTITLE} : {})}
      />
      <HelpBar bindings={BINDINGS} mode={state.home.topics ? 'topics' : 'home'} width={columns} />
    </Box>
  );
}
