// `hs-tutor` and `hs-tutor lesson <id>`: check the terminal, find the lesson, then load Ink
// (only here, never on the plain paths) and run the UI.
import {UsageError} from '../engine/errors.js';
import {resolveKnobs} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import {didYouMean} from '../engine/suggest.js';
import type {QuizStart} from '../ui/App.js';
import type {ProgressPort, TutorLesson} from '../ui/ports.js';
import {cliClock} from './clock.js';
import {parseCommandArgs} from './args.js';
import {tutorProgress} from './progress.js';
import {currentTerminal, whyNotInteractive} from './interactive.js';
import type {Terminal} from './terminal.js';

const PLAIN = "'hs-tutor list' and 'hs-tutor show <scenario>'";

// Stand-in lessons for the source article's flows until the curriculum lands: each plays presets.
const PRESET_LESSONS: [id: string, title: string, presets: string[]][] = [
  ['tcp-handshake', 'The TCP three-way handshake', ['tcp-handshake']],
  ['tcp-close', 'Closing: the four-way close and TIME-WAIT', ['tcp-close']],
  ['tcp-modern', 'Modern TCP: data on the final ACK, FIN+ACK close', ['tcp-modern']],
  ['tls12', 'TLS 1.2: two round trips', ['tls12']],
  ['tls13', 'TLS 1.3: one round trip', ['tls13']],
  ['tfo', 'TCP Fast Open', ['tfo-request', 'tfo-cookie']],
  ['tls13-resumption', 'TLS 1.3 resumption: PSK, then 0-RTT', ['tls13-psk', 'tls13-0rtt']],
  ['fastest-connection', 'The fastest connection: TFO + TLS 1.3 + 0-RTT', ['tfo-tls13-0rtt']],
];

export function presetLessons(): TutorLesson[] {
  return PRESET_LESSONS.map(([id, title, presets]) => ({
    id,
    title,
    parts: presets.map((scenario) => {
      const preset = findPreset(scenario)!;
      return {title: preset.title, scenario, knobs: resolveKnobs(preset.knobs, {})};
    }),
    narration: () => undefined,
  }));
}

export interface TutorSources {
  lessons(): TutorLesson[];
  progress(): ProgressPort;
}

export const defaultSources: TutorSources = {lessons: presetLessons, progress: tutorProgress};

export interface LaunchTarget {
  lessonId?: string;
  quiz?: QuizStart;
}

export async function launch(target: LaunchTarget, sources: TutorSources, command: string): Promise<number> {
  const {lessonId} = target;
  const why = whyNotInteractive(currentTerminal());
  if (why) throw new UsageError(`'${command}' needs an interactive terminal, but ${why}; the plain commands ${PLAIN} work anywhere.`);
  const lessons = sources.lessons();
  if (lessonId !== undefined && !lessons.some((l) => l.id === lessonId)) {
    const ids = lessons.map((l) => l.id);
    throw new UsageError(`Unknown lesson '${lessonId}'; ${didYouMean(lessonId, ids, `the lessons are ${ids.join(', ')}.`)}`);
  }
  // Ink reads FORCE_COLOR when it loads; NO_COLOR is honoured by turning colour off first (ink-notes §4.2).
  if ((process.env.NO_COLOR ?? '') !== '' && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  const {runTutor} = await import('../ui/run.js');
  return runTutor({lessons, progress: sources.progress(), now: cliClock(), ...(lessonId === undefined ? {} : {lessonId}), ...(target.quiz ? {quiz: target.quiz} : {})});
}

export async function home(argv: string[], _out: Terminal): Promise<number> {
  const {values} = parseCommandArgs('hs-tutor', argv, {});
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({}, defaultSources, 'hs-tutor');
}

export async function lesson(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('lesson', argv, {});
  const id = positionals[1];
  if (id === undefined) throw new UsageError("'hs-tutor lesson' needs a lesson id; 'hs-tutor list' shows them.");
  if (positionals.length > 2) throw new UsageError(`'hs-tutor lesson' takes one lesson id, not ${positionals.length - 1}.`);
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({lessonId: id}, defaultSources, `hs-tutor lesson ${id}`);
}

/** `hs-tutor review`: the questions that are due, in the tutor. */
export async function review(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('review', argv, {});
  if (positionals.length > 1) throw new UsageError(`'hs-tutor review' takes no arguments, not '${positionals.slice(1).join(' ')}'.`);
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({quiz: {kind: 'review'}}, defaultSources, 'hs-tutor review');
}
