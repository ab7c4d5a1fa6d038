// The home screen painted, and answering keys, before Ink has loaded. `hs-tutor` spends most of
// its start-up loading the curriculum, Ink, React and yoga; this paints the same first frame from
// what is cheap to know (the built-in lessons' ids and titles, fixed at build time, and the
// progress file) right after Node starts, and moves the menu cursor with ↑ ↓ j k, quits with q,
// esc or ctrl+c, until Ink takes over (runTutor with the hand-over below). Any other key (enter, ?)
// waits for Ink, and so does every key after it, in order. Ink then starts with the cursor where
// the learner left it; when its first frame is byte for byte the one painted, it is not written
// again; otherwise Ink's frame replaces it, so what the learner ends up seeing is always Ink's.
//
// It paints only where the first frame is certain: the bare `hs-tutor` command in an interactive
// terminal at least 80×24, built-in lessons only (no HS_TUTOR_LESSONS), a progress file that is
// absent or reads cleanly, and a colour decision made exactly as Ink's chalk makes it. Anything
// else, or any error here, paints nothing and the program runs as before. The terminal belongs
// to src/ui/terminal from the paint on (raw mode, so keys typed meanwhile are not echoed over
// the screen); anything written to stderr meanwhile is held and shown on the normal screen,
// where it would have appeared without the paint.
import {readFileSync} from 'node:fs';
import {delimiter} from 'node:path';
import {builtInIndex} from '../curriculum/built-in.js';
import {emptyProgress, parseProgressText, type ProgressDoc} from '../progress/doc.js';
import {progressPath} from '../progress/location.js';
import {dueQuestions} from '../quiz/review.js';
import {limitYoungGeneration} from '../ui/app/heap.js';
import {homeFirstFrame, type HomeFrameInput} from '../ui/home/first-frame.js';
import {continueTarget, homeItems, practiceOf} from '../ui/home/model.js';
import {CURSOR_HOME, ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, processTerminal} from '../ui/terminal/terminal.js';
import {cliClock} from './clock.js';
import {currentTerminal, whyNotInteractive} from './interactive.js';

const ERASE_BELOW = '\x1b[J';

/** Keys by the names the terminal's filter gives them (src/ui/terminal/key-filter.ts). */
const MOVES: Readonly<Record<string, 1 | -1>> = {up: -1, k: -1, down: 1, j: 1};
const QUITS = new Set(['q', 'escape', 'ctrl+c']);

interface Painted {
  input: Omit<HomeFrameInput, 'columns' | 'rows'>;
  /** The bytes on screen; '' when the window is too small for the home screen. */
  frame: string;
  cursor: number;
  items: number;
}

let painted: Painted | undefined;
let handedOver = false;
let held = '';
let releaseStderr: (() => void) | undefined;

/** Paints the home screen if it is certain what Ink would draw; never throws. */
export function firstPaint(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    const input = argv.length === 0 ? homeInput(env) : undefined;
    if (input === undefined) return false;
    const size = currentTerminal();
    const frame = homeFirstFrame({...input, columns: size.columns, rows: size.rows});
    if (frame === undefined) return false;
    painted = {input, frame, cursor: 0, items: homeItems(input.lessons, input.target, input.practice).length};
    // The tutor will run: its heap is kept small from the start (src/ui/app/heap.ts).
    limitYoungGeneration();
    const terminal = processTerminal();
    terminal.enter(frame);
    holdStderr();
    terminal.consume(answer);
    terminal.onResize(repaint);
    return true;
  } catch {
    return false;
  }
}

/** Keys before Ink: moves repaint the menu; a quit key quits; anything else waits for Ink. */
function answer(keys: readonly string[]): void {
  if (painted === undefined || handedOver) return;
  for (const [i, key] of keys.entries()) {
    const move = MOVES[key];
    if (move !== undefined) {
      painted.cursor = (painted.cursor + move + painted.items) % painted.items;
      repaint();
    } else if (QUITS.has(key)) {
      processTerminal().exit(0);
    } else {
      // From here on the tutor answers, in the order the keys came.
      processTerminal().consume(undefined);
      processTerminal().queue(keys.slice(i));
      return;
    }
  }
}

function repaint(): void {
  if (painted === undefined || handedOver) return;
  const size = currentTerminal();
  const frame = homeFirstFrame({...painted.input, cursor: painted.cursor, columns: size.columns, rows: size.rows}) ?? '';
  painted.frame = frame;
  process.stdout.write(CURSOR_HOME + ERASE_BELOW + frame);
}

export interface HandOver {
  /** The bytes on screen, for Ink's first frame to match; '' when the screen was cleared. */
  frame: string;
  /** Where the menu cursor is. */
  cursor: number;
}

/**
 * Called by the tutor just before Ink renders: undefined when nothing was painted (the tutor
 * enters the alternate screen itself), else what is on screen. Held stderr lines go to the normal
 * screen first, where they would have been written without the paint.
 */
export function handOver(): HandOver | undefined {
  if (painted === undefined || handedOver) return undefined;
  handedOver = true;
  const terminal = processTerminal();
  // Keys pressed from now until Ink reads them wait in the terminal's queue.
  terminal.consume(undefined);
  const heldText = held;
  held = '';
  releaseStderr?.();
  if (heldText === '') return {frame: painted.frame, cursor: painted.cursor};
  process.stdout.write(LEAVE_ALTERNATE_SCREEN);
  process.stderr.write(heldText);
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  return {frame: '', cursor: painted.cursor};
}

function holdStderr(): void {
  const stderr = process.stderr;
  const write = stderr.write;
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    held += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof stderr.write;
  releaseStderr = () => {
    releaseStderr = undefined;
    stderr.write = write;
  };
  // Ending before Ink took over: what the program said goes to the normal screen after it.
  processTerminal().afterClose(() => {
    releaseStderr?.();
    const text = held;
    held = '';
    if (text !== '') stderr.write(text);
  });
}

function homeInput(env: NodeJS.ProcessEnv): Painted['input'] | undefined {
  // Absent when running from source, when the built-in lessons had problems at build time, or
  // when lessons/ no longer holds the files the build read.
  const index = builtInIndex();
  if (!index) return undefined;
  const terminal = currentTerminal();
  if (whyNotInteractive(terminal) !== undefined) return undefined;
  // Ink's own CI check (is-in-ci), its screen-reader and devtools modes: each draws differently.
  if ('CI' in env || 'CONTINUOUS_INTEGRATION' in env || env.INK_SCREEN_READER === 'true' || env.DEV === 'true') return undefined;
  // Lessons from instructors' folders are only known by compiling them.
  if ((env.HS_TUTOR_LESSONS ?? '').split(delimiter).some((dir) => dir.trim() !== '')) return undefined;
  // As tutor.ts does before Ink loads, so chalk (loaded once, by Ink) decides the same way.
  if ((env.NO_COLOR ?? '') !== '' && !('FORCE_COLOR' in env)) env.FORCE_COLOR = '0';
  const colour = chalkColours(env);
  if (colour === undefined) return undefined;

  let doc: ProgressDoc;
  try {
    doc = parseProgressText(readFileSync(progressPath(undefined, env), 'utf8'));
  } catch (error) {
    // No progress yet is the first run; anything else (a corrupt file Ink's run will move aside
    // and mention) is left to the real thing.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    doc = emptyProgress();
  }
  const lessons = doc.lessons;
  // As the progress store's latestLesson: the most recently updated, the first of equals.
  let latest: {id: string; at: number} | undefined;
  for (const [id, lesson] of Object.entries(lessons)) {
    const at = Date.parse(lesson.updatedAt);
    if (latest === undefined || at > latest.at) latest = {id, at};
  }
  const due = dueQuestions(doc, cliClock(env)()).length;
  return {
    colour,
    lessons: index.lessons,
    position: (id) => {
      const lesson = lessons[id];
      return lesson === undefined ? undefined : {part: lesson.part, frame: lesson.frame, frameId: lesson.frameId ?? '', status: lesson.status};
    },
    target: continueTarget(index.lessons, (id) => lessons[id]?.status, latest?.id, due),
    practice: practiceOf(doc.misconceptions),
    due,
    counting: doc.settings.counting,
  };
}

/**
 * Whether chalk, as Ink loads it, styles stdout (its colour level is above 0): chalk's
 * supports-color for a terminal with no --color flags, CI ruled out above. Undefined where it
 * would take more than this to be sure.
 */
function chalkColours(env: NodeJS.ProcessEnv): boolean | undefined {
  if ('FORCE_COLOR' in env) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? false : undefined;
  if ('TF_BUILD' in env && 'AGENT_NAME' in env) return true;
  if (process.platform === 'win32') return true;
  if ('TEAMCITY_VERSION' in env) return undefined;
  const term = String(env.TERM);
  if (env.COLORTERM === 'truecolor' || term === 'xterm-kitty' || term === 'xterm-ghostty' || term === 'wezterm') return true;
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'Apple_Terminal') return true;
  if (/-256(color)?$/i.test(term) || /^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term)) return true;
  return 'COLORTERM' in env;
}
