// The screen-reader mode (--screen-reader, or INK_SCREEN_READER=true): the tutor as a stream of
// plain sentences in the terminal's ordinary screen, where a screen reader follows them. The
// terminal module still owns raw mode, signals and the way out; the same model as the Ink tutor
// (src/ui/app/model.ts) takes every key, and each key says only what it changed. Progress is kept
// as in the Ink tutor: the place on every move and on leaving, a finished session once.
import {contrastsFor} from '../../engine/contrasts.js';
import {run} from '../../engine/runs.js';
import {currentQuestion} from '../../quiz/session.js';
import {actionFor, type Action} from '../common/keys.js';
import {newSession, openAt, readHome, recordAttempts, recordPredictions, recordSession, savedAnswers, savePlace, targetAfterLeaving} from '../app/effects.js';
import {initialState, modeOf, nextLesson, reduce, type Context, type State} from '../app/model.js';
import type {AppProps} from '../app/App.js';
import {homeItems} from '../home/model.js';
import {topicItems} from '../home/topics.js';
import {resultLines} from '../player/compare-layout.js';
import type {PlayerState} from '../player/model.js';
import {processTerminal} from '../terminal/terminal.js';
import {READER_BINDINGS} from './keys.js';
import {sayCompletion, sayFrame, sayHome, sayHomeItem, sayKeys, sayLessonOpened, sayQuiz} from './narrate.js';

/** What the drawn tutor takes (App.tsx), less what only drawing needs. */
export type ReaderProps = Pick<AppProps, 'lessons' | 'progress' | 'lessonId' | 'quiz' | 'now' | 'notices' | 'predict' | 'rttMs'>;

/** The reader's whole behaviour without a terminal: keys in, sentences out (tests drive it directly). */
export class Reader {
  state: State;
  private readonly context: Context;

  constructor(private readonly props: ReaderProps, private readonly say: (lines: readonly string[]) => void) {
    const now = props.now ?? (() => new Date());
    this.context = {
      position: (id) => props.progress.position(id),
      answers: (id) => savedAnswers(props.progress, id),
      continueTarget: (left) => targetAfterLeaving(props.progress, props.lessons, now(), left),
      session: (kind, options = {}) => {
        const at = now();
        return {session: newSession(kind, props.progress, at, options, props.lessons), now: at};
      },
    };
    let state: State = {...initialState(props.lessons, props.lessonId ? openAt(props.progress, props.lessonId, props.predict, props.rttMs) : undefined), counting: props.progress.counting()};
    if (props.quiz) {
      const at = now();
      state = reduce(state, {type: 'quiz-start', session: newSession(props.quiz.kind, props.progress, at, props.quiz, props.lessons), now: at});
    }
    this.state = state;
  }

  private get now(): Date {
    return (this.props.now ?? (() => new Date()))();
  }

  private homeSource() {
    const snapshot = readHome(this.props.progress, this.props.lessons, this.now);
    this.context.target = snapshot.target;
    this.context.practice = snapshot.practice;
    return {
      lessons: this.props.lessons,
      position: (id: string) => snapshot.positions.get(id),
      due: snapshot.due,
      items: homeItems(this.props.lessons, snapshot.target, snapshot.practice),
      notices: snapshot.notices,
      counting: this.state.counting ?? this.props.progress.counting(),
    };
  }

  /** Says the whole current screen: at the start, and on r. */
  start(): void {
    this.say([...(this.props.notices ?? []), ...this.screen()]);
  }

  private screen(): string[] {
    const {state} = this;
    if (state.screen === 'player' && state.player) return state.player.overlay === 'complete' ? sayCompletion(state.player, nextLesson(this.props.lessons, state.player)?.title) : sayLessonOpened(state.player);
    if (state.screen === 'quiz' && state.quiz) return sayQuiz(state.quiz);
    const home = this.homeSource();
    return [...home.notices, ...sayHome(home.items, state.home.cursor, home)];
  }

  /** One key, by name; returns whether the reader should end. */
  key(name: string): boolean {
    const previous = this.state;
    const mode = modeOf(previous);
    const action = actionFor(READER_BINDINGS, mode, name);
    if (action === undefined) return false;
    if (action === 'repeat') {
      this.say(this.screen());
      return false;
    }
    if (action === 'help' && mode !== 'home') {
      this.say(sayKeys(READER_BINDINGS, mode));
      return false;
    }
    if (action === 'compare' && previous.player) {
      this.say(this.compare(previous.player));
      return false;
    }
    if (previous.screen === 'home') this.homeSource();
    let next = reduce(previous, {type: 'key', action, key: name, now: this.now}, this.context);
    recordAttempts(this.props.progress, previous.player, next.player);
    if (next.counting !== undefined && next.counting !== previous.counting) this.props.progress.setCounting(next.counting);
    recordPredictions(this.props.progress, previous.player, next.player);
    // Leaving a lesson, or moving in one, keeps the place (a reader steps slowly: each move is saved).
    if (previous.player && next.player?.lesson !== previous.player.lesson) savePlace(this.props.progress, previous.player);
    if (next.player && next.player.frame !== previous.player?.frame) savePlace(this.props.progress, next.player);
    if (next.quiz && next.quiz.session.finishedAt !== null && !next.quiz.saved) {
      recordSession(this.props.progress, next.quiz.session);
      next = reduce(next, {type: 'quiz-saved'});
    }
    this.state = next;
    if (next.quit) return true;
    this.say(this.changes(previous, next, action));
    return false;
  }

  /** A drill's clock: time running out ends it even when no key is pressed. */
  tick(): void {
    const previous = this.state;
    if (previous.screen !== 'quiz' || !previous.quiz || previous.quiz.session.deadline === null || previous.quiz.session.finishedAt !== null) return;
    let next = reduce(previous, {type: 'quiz-tick', now: this.now});
    if (next.quiz && next.quiz.session.finishedAt !== null && !next.quiz.saved) {
      recordSession(this.props.progress, next.quiz.session);
      next = reduce(next, {type: 'quiz-saved'});
      this.state = next;
      this.say(['Time is up.', ...sayQuiz(next.quiz!)]);
      return;
    }
    this.state = next;
  }

  private changes(previous: State, next: State, action: Action): string[] {
    if (next.screen === 'home') {
      if (previous.screen !== 'home') return this.screen();
      // The drill's topic list: what it is on opening, then the topic under the cursor.
      const topics = next.home.topics;
      if (topics) {
        const items = topicItems();
        const say = `${topics.cursor + 1} of ${items.length}: ${items[topics.cursor]!.label}.`;
        return previous.home.topics ? (previous.home.topics.cursor === topics.cursor ? [] : [say]) : ['Interview drill: which topic? Up and down arrows choose, enter starts, escape goes back.', say];
      }
      if (previous.home.topics) return this.screen();
      if (next.home.help !== previous.home.help) return next.home.help ? sayKeys(READER_BINDINGS, 'home') : this.screen();
      if (next.home.cursor !== previous.home.cursor || next.counting !== previous.counting) {
        const home = {...this.homeSource(), counting: next.counting ?? 'client'};
        return sayHomeItem(home.items, next.home.cursor, home);
      }
      return [];
    }
    if (next.screen === 'player' && next.player) {
      const p = next.player;
      const q = previous.player;
      if (!q || previous.screen !== 'player' || q.lesson !== p.lesson || q.part !== p.part) return sayLessonOpened(p);
      if (p.overlay === 'complete' && q.overlay !== 'complete') return sayCompletion(p, nextLesson(this.props.lessons, p)?.title);
      if (action === 'predict') return [p.predict ? 'Predict mode on: before each frame, say what comes next with 1 to 4.' : 'Predict mode off.', ...sayFrame(p)];
      if (q.frame !== p.frame || (q.overlay === 'complete' && p.overlay !== 'complete')) return sayFrame(p);
      if ((action === 'pick' || action === 'show') && q.answers !== p.answers) return sayFrame(p);
      if (action === 'next' || action === 'previous') return [action === 'next' ? 'That was the last frame.' : 'This is the first frame.'];
      return [];
    }
    if (next.screen === 'quiz' && next.quiz) {
      if (previous.quiz !== next.quiz && (previous.screen !== 'quiz' || previous.quiz?.feedback !== next.quiz.feedback || previous.quiz?.session.finishedAt !== next.quiz.session.finishedAt || previous.quiz?.session.answers.length !== next.quiz.session.answers.length)) return sayQuiz(next.quiz);
      if (action === 'up' || action === 'down') {
        const choice = currentQuestion(next.quiz.session)?.choices[next.quiz.cursor];
        return choice === undefined ? [] : [`${next.quiz.cursor + 1}: ${choice}`];
      }
    }
    return [];
  }

  private compare(player: PlayerState): string[] {
    const contrasts = contrastsFor(player.knobs);
    if (contrasts.length === 0) return ['Nothing to compare this part with: no contrast applies to these knobs.'];
    const scenario = player.lesson.parts[player.part]!.scenario;
    return contrasts.flatMap((c) => [`Compared ${c.label}:`, ...resultLines(player.trace, run({knobs: c.knobs, rttMs: player.rttMs, scenario}), c.label, 10_000)]);
  }
}

export async function runReader(props: ReaderProps): Promise<number> {
  const terminal = processTerminal();
  terminal.enter('', {alternateScreen: false});
  const write = (lines: readonly string[]) => {
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  };
  const reader = new Reader(props, write);
  // Whatever is unsaved is saved before the terminal is given back, however the program ends.
  terminal.onClose(() => {
    if (reader.state.player) savePlace(props.progress, reader.state.player);
  });
  reader.start();
  const clock = setInterval(() => reader.tick(), 250);
  try {
    await new Promise<void>((done) => {
      terminal.consume((keys) => {
        for (const key of keys) if (reader.key(key)) return done();
      });
    });
  } finally {
    clearInterval(clock);
    terminal.close();
  }
  return 0;
}
