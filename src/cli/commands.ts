// The commands of CLI.md as data: main dispatches on it and the help text lists it, so a
// command cannot exist in one and be missing from the other.
import {DEFAULT_PORT} from '../class/protocol.js';
import type {OptionsConfig} from './args.js';
import {CLASS_OPTIONS, CLASS_USAGE, classCommand} from './class.js';
import {EXPORT_OPTIONS, exportPcap} from './export.js';
import {lab, LAB_OPTIONS} from './lab.js';
import {lessons, LESSONS_OPTIONS} from './lessons.js';
import {list, LIST_OPTIONS} from './list.js';
import {OPEN_OPTIONS, openCapture} from './open.js';
import {progress, PROGRESS_OPTIONS} from './progress.js';
import {quiz, QUIZ_OPTIONS} from './quiz.js';
import {show, SHOW_OPTIONS} from './show.js';
import type {Terminal} from './terminal.js';
import {home, lesson, LESSON_OPTIONS, predictCommand, PREDICT_OPTIONS, review} from './tutor.js';

export interface Command {
  /** The first word after `hs-tutor`; '' for the interactive home. */
  name: string;
  /** Everything after `hs-tutor` in the usage line. */
  usage: string;
  summary: string;
  /** CLI.md's "needs a terminal" column. */
  needsTerminal: 'yes' | 'no' | 'unless --json';
  /** The command's own options (the global ones come on top). */
  options: OptionsConfig;
  run: (argv: string[], out: Terminal) => number | Promise<number>;
}

export const COMMANDS: readonly Command[] = [
  {name: '', usage: '', summary: 'interactive home: continue, lessons, quiz, review, help', needsTerminal: 'yes', options: {}, run: home},
  {
    name: 'lesson',
    usage: 'lesson <lesson-id> [--presenter | --predict [--seed <s>]]',
    summary: 'open one lesson in the player (--presenter: for a projector, no checkpoints; --predict: say what comes next before each frame)',
    needsTerminal: 'yes',
    options: LESSON_OPTIONS,
    run: lesson,
  },
  {
    name: 'predict',
    usage: 'predict <scenario> [--set <knob>=<value> …] [--rtt <ms>] [--seed <s>] [--json]',
    summary: 'walk a scenario predicting each next frame from engine-derived choices; --json prints the worksheet with the answers',
    needsTerminal: 'unless --json',
    options: PREDICT_OPTIONS,
    run: predictCommand,
  },
  {
    name: 'quiz',
    usage: 'quiz [--topic <t> | --practise <misconception>] [--count <n>] [--seed <s>] [--interview] [--counting client|server] [--json]',
    summary:
      'a quiz session (default 10 questions); --json prints a worksheet with the answers; --counting: how "the handshake takes" questions count (else your setting, a worksheet the client\'s way)',
    needsTerminal: 'unless --json',
    options: QUIZ_OPTIONS,
    run: quiz,
  },
  {name: 'review', usage: 'review', summary: 'spaced review of the questions that are due', needsTerminal: 'yes', options: {}, run: review},
  {name: 'list', usage: 'list [--json]', summary: 'lessons, scenario presets and quiz topics', needsTerminal: 'no', options: LIST_OPTIONS, run: list},
  {
    name: 'show',
    usage: 'show <scenario> [--rtt <ms>] [--seed <s>] [--set <knob>=<value> …] [--json] [--keylog <file> [--force]]',
    summary: 'the trace as a ladder diagram with a summary, or as JSON; --keylog also writes its session keys (NSS key log)',
    needsTerminal: 'no',
    options: SHOW_OPTIONS,
    run: show,
  },
  {
    name: 'export',
    usage: 'export <scenario> --pcap <file> [--keylog <file>] [--force] [--rtt <ms>] [--seed <s>] [--set …]',
    summary: 'write the trace as a pcap file that Wireshark opens; --keylog writes its session keys so Wireshark decrypts it',
    needsTerminal: 'no',
    options: EXPORT_OPTIONS,
    run: exportPcap,
  },
  {
    name: 'open',
    usage: 'open <capture.pcap|capture.pcapng> [--keylog <file>] [--connection <n>] [--json | --step]',
    summary:
      "a real capture's TCP connections as the tutor shows a trace: who sends what, relative sequence numbers, TLS records (opened with an NSS key log), both sides' states inferred; --step steps one in the lesson player",
    needsTerminal: 'no',
    options: OPEN_OPTIONS,
    run: openCapture,
  },
  {
    name: 'lab',
    usage: 'lab <scenario> [--rtt <ms>] [--set …] [--json]',
    summary:
      "the scenario for real: Node's own TCP and TLS (OpenSSL) on loopback through a relay that delays each way by RTT/2, beside the simulation, with every difference and its reason",
    needsTerminal: 'no',
    options: LAB_OPTIONS,
    run: lab,
  },
  {
    name: 'progress',
    usage: 'progress [--json | --path | --reset [<lesson-id>] [--yes] | --export <file> [--force] | --import <file> | --counting client|server]',
    summary: 'what the learner has done; where it is kept; forget, export or import it; --counting sets how quizzes count "the handshake takes"',
    needsTerminal: 'no',
    options: PROGRESS_OPTIONS,
    run: progress,
  },
  {
    name: 'lessons',
    usage: 'lessons validate <dir> [--json]',
    summary: "check an instructor's lesson folder and report every problem",
    needsTerminal: 'no',
    options: LESSONS_OPTIONS,
    run: lessons,
  },
  {
    name: 'class',
    usage: CLASS_USAGE,
    summary: `live class mode on the local network: an instructor hosts (default port ${DEFAULT_PORT}) and leads, students join and follow; class report prints a class's report from its journal (--json, or --csv <file>)`,
    needsTerminal: 'yes',
    options: CLASS_OPTIONS,
    run: classCommand,
  },
];
