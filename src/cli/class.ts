// `hs-tutor class host …` and `hs-tutor class join …`: check the arguments and the terminal,
// start the network side (a host listening, or a student's first join), then load Ink and run
// the instructor's or the student's screen. Nothing heavy is imported before the arguments pass.
import {tutorProgress} from './progress.js';
import {tell} from './tell.js';
import {writeFilesSafely} from '../progress/safe-files.js';
import {existsSync, lstatSync, readFileSync, statSync, unlinkSync} from 'node:fs';
import {isIP} from 'node:net';
import {networkInterfaces, userInfo} from 'node:os';
import {dirname} from 'node:path';
import type {ClassHost as ClassHostType, HostState, JournalWriter as JournalWriterType, ReadJournal} from '../class/index.js';
import {journalPathFor, MAX_JOURNAL_BYTES, readJournal} from '../class/journal.js';
import {DEFAULT_PORT} from '../class/protocol.js';
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import type {TutorLesson} from '../ui/app/ports.js';
import {parseCommandArgs} from './args.js';
import {currentTerminal, needsTerminalSentence, prepareInk, whyNotInteractive} from './interactive.js';
import type {Terminal} from './terminal.js';
import {defaultSources} from './tutor.js';

export const CLASS_OPTIONS = {
  port: {type: 'string'},
  host: {type: 'string'},
  lesson: {type: 'string'},
  csv: {type: 'string'},
  force: {type: 'boolean'},
  'max-students': {type: 'string'},
  code: {type: 'string'},
  name: {type: 'string'},
  resume: {type: 'string'},
  json: {type: 'boolean'},
} as const;

export const CLASS_USAGE = `class host [--port <p>] [--host <addr>] [--lesson <id>] [--csv <file>] [--force] [--max-students <n>] | class host --resume <journal> | class report <journal> [--json | --csv <file>] | class join <address>:<port> --code <code> [--name <n>]`;

const HOST_ONLY = ['port', 'host', 'lesson', 'csv', 'force', 'max-students', 'resume'] as const;
/** What a resumed class takes from its journal, so it is not given again. */
const FROM_JOURNAL = ['lesson', 'csv', 'force'] as const;

/** The roster's cap: --max-students, 1 to 1000 (default 200). */
export function maxStudents(text: string | undefined): number {
  if (text === undefined) return 200;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 1000)) throw new UsageError(`--max-students must be a whole number from 1 to 1000, not '${text}'.`);
  return n;
}
const JOIN_ONLY = ['code', 'name'] as const;
const JOIN_EXAMPLE = `'hs-tutor class join 192.168.1.20:${DEFAULT_PORT} --code 482109375512'`;

type Values = ReturnType<typeof parseCommandArgs<typeof CLASS_OPTIONS>>['values'];

export async function classCommand(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('class', argv, CLASS_OPTIONS);
  const sub = positionals[1];
  if (sub === 'host') return host(values, positionals);
  if (sub === 'join') return join(values, positionals);
  if (sub === 'report') return report(values, positionals, _out);
  if (sub === undefined) throw new UsageError(`'hs-tutor class' needs host, join or report: 'hs-tutor class host' starts a class and ${JOIN_EXAMPLE} joins one.`);
  throw new UsageError(`Unknown class command '${sub}'; ${didYouMean(sub, ['host', 'join', 'report'], "it is 'class host', 'class join' or 'class report'.")}`);
}

function refuseFlags(values: Values, flags: readonly (keyof Values)[], command: string, other: string): void {
  const given = flags.find((flag) => values[flag] !== undefined);
  if (given !== undefined) throw new UsageError(`--${String(given)} is for '${other}', not '${command}'; see 'hs-tutor --help'.`);
}

function needTerminal(command: string): void {
  const why = whyNotInteractive(currentTerminal());
  if (why) throw new UsageError(needsTerminalSentence(command, why));
}

function colour(values: Values): void {
  prepareInk(values['no-color'] === true);
}

/** The lessons the tutor plays (built-in, --lessons, HS_TUTOR_LESSONS); folder warnings go to stderr. */
function lessonsFor(values: Values): TutorLesson[] {
  return defaultSources.lessons(values.lessons, tell);
}

export function parsePort(text: string, allowZero: boolean): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= (allowZero ? 0 : 1) && port <= 65535)) {
    throw new UsageError(`The port must be a whole number from 1 to 65535${allowZero ? ' (0 lets the system pick one)' : ''}, not '${text}'; the default is ${DEFAULT_PORT}.`);
  }
  return port;
}

/** `host:port`, `[v6]:port`, or a bare host (the default port). */
export function parseAddress(text: string): {host: string; port: number} {
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(.*))?$/.exec(text);
  const plain = /^([^\s:[\]/]+)(?::(.*))?$/.exec(text);
  const match = v6 ?? plain;
  if (!match || (v6 && isIP(v6[1]!) !== 6)) {
    throw new UsageError(`'${text}' is not an address and port; give the one the instructor's screen shows, as in ${JOIN_EXAMPLE}.`);
  }
  return {host: match[1]!, port: match[2] === undefined ? DEFAULT_PORT : parsePort(match[2], false)};
}

/** A results file name in the current folder that does not exist yet: hs-tutor-class-2026-11-27-1000.csv, then -2, -3… */
export function defaultCsvPath(now: Date, exists: (path: string) => boolean = existsSync): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  for (let n = 1; ; n++) {
    const path = `hs-tutor-class-${stamp}${n === 1 ? '' : `-${n}`}.csv`;
    if (!exists(path)) return path;
  }
}

/** The addresses to give students: the given one, or (listening on all) this machine's LAN IPv4 addresses. */
export function addressesToShow(listen: string): string[] {
  if (listen !== '0.0.0.0' && listen !== '::') return [listen.includes(':') ? `[${listen}]` : listen];
  const found = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  return found.length > 0 ? found : ['127.0.0.1'];
}

/** How long after an answer arrives the results file is written (answers that come together share a write). */
const AUTOSAVE_MS = 200;

function csvProblem(path: string, code: string): string {
  switch (code) {
    case 'EEXIST':
      return `'${path}' already exists; add --force to overwrite it, or choose another file with --csv.`;
    case 'ENOENT':
      return `Cannot write '${path}' because the folder '${dirname(path)}' does not exist; create it or choose another --csv path.`;
    case 'EISDIR':
      return `'${path}' is a folder; give a file name, as in --csv ${path.replace(/\/+$/, '')}/results.csv.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot write '${path}': permission denied; choose a folder you can write to with --csv.`;
    case 'ELOOP':
      return `'${path}' is a symbolic link; hs-tutor does not write through links, so give the file itself with --csv.`;
    case 'ENOTREG':
      return `'${path}' is not a regular file (a FIFO or a device); choose another file with --csv.`;
    case 'ENOSPC':
      return `Cannot write '${path}' because the disk is full; the last saved results are still there. Free some space.`;
    default:
      return `Cannot write '${path}' (${code}); choose another path with --csv.`;
  }
}

function listenProblem(code: string | undefined, listen: string, port: number): string {
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use on ${listen}; stop the other program or class, or pick another port with --port.`;
    case 'EACCES':
      return `Port ${port} needs administrator rights on this machine; pick a port above 1023 with --port (the default is ${DEFAULT_PORT}).`;
    case 'EADDRNOTAVAIL':
      return `${listen} is not an address of this machine; leave --host out to listen on all of them.`;
    default:
      return `Cannot listen on ${listen}:${port}${code ? ` (${code})` : ''}; try another --port or --host.`;
  }
}

/** A journal to resume, read and replayed; a sentence on stderr (and null) when it cannot be. */
function loadJournal(path: string): ReadJournal | null {
  let size: number;
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return tellNull(`'${path}' is a symbolic link; give the journal itself to --resume.`);
    if (!stat.isFile()) return tellNull(`'${path}' is not a file; --resume takes the class's journal (class.journal beside class.csv).`);
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return tellNull(code === 'ENOENT' ? `There is no journal at '${path}'; a class keeps it beside its results file (results.journal for results.csv).` : `Cannot read '${path}' (${code}).`);
  }
  if (size > MAX_JOURNAL_BYTES) return tellNull(`'${path}' is larger than any class journal (${MAX_JOURNAL_BYTES / 1024 / 1024} MiB); it is not one.`);
  try {
    return readJournal(readFileSync(path, 'utf8'));
  } catch (error) {
    return tellNull(`'${path}' is not a class journal hs-tutor can resume: ${(error as Error).message}.`);
  }
}

/** The journal just written, for the end-of-class summary; null if it cannot be read back. */
function loadJournalQuietly(path: string): ReadJournal | null {
  try {
    return readJournal(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function removeQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function tellNull(sentence: string): null {
  tell(sentence);
  return null;
}

async function host(values: Values, positionals: string[]): Promise<number> {
  if (values.json === true) throw new UsageError("--json is for 'class report', not 'class host'; see 'hs-tutor --help'.");
  if (positionals.length > 2) throw new UsageError(`'hs-tutor class host' takes no arguments, only options, not '${positionals.slice(2).join(' ')}'.`);
  refuseFlags(values, JOIN_ONLY, 'class host', 'class join');
  if (values.resume === '') throw new UsageError('--resume needs the class\'s journal, as in --resume hs-tutor-class-2026-12-04-0900.journal.');
  const given = values.resume === undefined ? undefined : FROM_JOURNAL.find((flag) => values[flag] !== undefined);
  if (given !== undefined) throw new UsageError(`--${given} does not go with --resume: a resumed class keeps its lesson, code and results file from the journal.`);
  const resumed = values.resume === undefined ? null : loadJournal(values.resume);
  if (values.resume !== undefined && resumed === null) return 1;
  // A resumed class listens where its students look for it, unless told otherwise.
  const port = parsePort(values.port ?? String(resumed?.header.port ?? DEFAULT_PORT), true);
  const roster = maxStudents(values['max-students']);
  const listen = values.host ?? resumed?.header.host ?? '0.0.0.0';
  if (isIP(listen) === 0) throw new UsageError(`--host must be an IP address of this machine, as in --host 192.168.1.20, not '${listen}'; without it the class listens on all of them.`);
  const lessons = lessonsFor(values);
  if (lessons.length === 0) throw new UsageError("There are no lessons to teach; check the --lessons folders with 'hs-tutor lessons validate <dir>'.");
  // A resumed class opens on the lesson it was at (the instructor may have switched with L).
  const lessonId = resumed?.state.position.lesson.id ?? values.lesson ?? lessons[0]!.id;
  if (resumed && !lessons.some((l) => l.id === lessonId)) {
    tell(`The class was at lesson '${lessonId}', which is not among the lessons here; add the lesson folder it came from with --lessons.`);
    return 1;
  }
  if (!lessons.some((l) => l.id === lessonId)) {
    const ids = lessons.map((l) => l.id);
    throw new UsageError(`Unknown lesson '${lessonId}'; ${didYouMean(lessonId, ids, `the lessons are ${ids.join(', ')}.`)}`);
  }
  const force = values.force === true;
  if (values.csv === '') throw new UsageError("--csv needs a file name, as in --csv results.csv.");
  const csvPath = resumed?.header.csv ?? values.csv ?? defaultCsvPath(new Date(), (path) => existsSync(path) || existsSync(journalPathFor(path)));
  const journalPath = values.resume ?? journalPathFor(csvPath);
  if (values.csv !== undefined) {
    const problem = existsSync(csvPath) ? (statSync(csvPath).isDirectory() ? 'EISDIR' : force ? null : 'EEXIST') : existsSync(dirname(csvPath)) ? null : 'ENOENT';
    if (problem) {
      tell(csvProblem(csvPath, problem));
      return 1;
    }
  }
  if (!resumed && existsSync(journalPath) && !force) {
    tell(`'${journalPath}', the journal of an earlier class with these results, already exists; resume that class with --resume ${journalPath}, add --force to start again, or choose another file with --csv.`);
    return 1;
  }
  needTerminal('hs-tutor class host');
  colour(values);

  const [{ClassHost, exportHostKey, importHostKey, JournalWriter, writeResults}, {openLesson}, {classPosition}] = await Promise.all([import('../class/index.js'), import('../ui/player/model.js'), import('../ui/class/position.js')]);
  const lesson = lessons.find((l) => l.id === lessonId)!;
  const start = resumed?.state.position ?? classPosition(openLesson(lesson));
  let server: ClassHostType;
  let journal: JournalWriterType | null = null;
  try {
    server = await ClassHost.start(start, {
      port,
      host: listen,
      limits: {maxStudents: roster},
      ...(resumed ? {hostKey: importHostKey(resumed.header.hostKey), initial: resumed.state} : {}),
      record: (event) => journal?.event(event),
    });
  } catch (error) {
    tell(listenProblem((error as NodeJS.ErrnoException).code, listen, port));
    return 1;
  }
  const {port: actualPort} = server.address();
  // The journal opens before any student can join (connections arrive on a later turn of the loop).
  try {
    if (resumed) journal = new JournalWriter(journalPath, null);
    else {
      if (force && existsSync(journalPath)) unlinkSync(journalPath);
      journal = new JournalWriter(journalPath, {journal: 'hs-tutor class', v: 1, hostKey: exportHostKey(server.hostKey), host: listen, port: actualPort, lessonId, csv: csvPath, startedAt: new Date().toISOString()});
      journal.event({type: 'position', position: start});
    }
  } catch (error) {
    await server.stop();
    tell(`Cannot write the class's journal '${journalPath}' (${(error as NodeJS.ErrnoException).code}); choose another folder for the results with --csv.`);
    return 1;
  }
  const lines = addressesToShow(listen).map((address) => `hs-tutor class join ${address}:${actualPort} --code ${server.code}`);

  // A resumed class's results file is its own: it is written over as the class goes on.
  let written = resumed !== null;
  let failed = false;
  const save = (state: HostState): string => {
    if (state.questions.length === 0) return 'No question has been asked yet: nothing to save.';
    // Through the safe writer: a crash or a full disk mid-write leaves the last whole CSV.
    const problem = writeResults(csvPath, state, force || written, (path, text, overwrite) => writeFilesSafely([{path, data: text, mode: 0o600}], overwrite));
    failed = problem !== null;
    if (problem !== null) return csvProblem(csvPath, problem);
    written = true;
    const n = state.questions.length;
    return `Saved ${n} question${n === 1 ? '' : 's'} and ${state.roster.length} student${state.roster.length === 1 ? '' : 's'} to ${csvPath}.`;
  };

  // Every answer reaches the CSV a moment after it arrives, not only when the class ends: a host
  // that crashes or is killed loses none that had arrived by then (the file is replaced whole).
  const count = (state: HostState) => state.questions.reduce((sum, q) => sum + Object.keys(q.answers).length + Object.keys(q.firstAnswers ?? {}).length, 0);
  let answered = count(server.snapshot);
  let pending: NodeJS.Timeout | undefined;
  const autosave = server.subscribe(() => {
    const n = count(server.snapshot);
    if (n === answered) return;
    answered = n;
    clearTimeout(pending);
    pending = setTimeout(() => void save(server.snapshot), AUTOSAVE_MS);
    pending.unref();
  });

  const {runHost, printAfterExit} = await import('../ui/class/run.js');
  try {
    await runHost({host: server, lessons, lessonId, ...(resumed ? {at: resumed.state.position} : {}), joinLine: lines[0]!, otherJoinLines: lines.slice(1), code: server.code, save, csvPath});
  } finally {
    autosave();
    clearTimeout(pending);
    await server.stop();
    journal.close();
  }
  const state = server.snapshot;
  // Ending a class writes its summary: a few lines from the same report `class report` prints.
  let summary: string[] = [];
  if (journal.problem === null && state.questions.length > 0) {
    const {classReport, reportSummary} = await import('../class/report.js');
    const read = loadJournalQuietly(journalPath);
    if (read) summary = [...reportSummary(classReport(read)), `The whole report: hs-tutor class report ${journalPath}`];
  }
  // A class that asked nothing leaves nothing behind: no results, no journal to litter the folder.
  const empty = state.questions.length === 0 && journal.problem === null && removeQuietly(journalPath);
  const kept = empty ? null : journal.problem === null ? `To reopen it: hs-tutor class host --resume ${journalPath}` : `The journal '${journalPath}' stopped when a write failed (${journal.problem}); the results file has every answer.`;
  printAfterExit([state.questions.length === 0 ? 'The class has ended; no question was asked, so no results file was written.' : `The class has ended. ${save(state)}`, ...summary, ...(kept ? [kept] : [])].join('\n'));
  return failed ? 1 : 0;
}

/** `class report <journal> [--json | --csv <file>]`: the end-of-class report from a session journal; works anywhere. */
async function report(values: Values, positionals: string[], out: Terminal): Promise<number> {
  const given = (['port', 'host', 'lesson', 'max-students', 'resume', 'code', 'name'] as const).find((flag) => values[flag] !== undefined);
  if (given !== undefined) throw new UsageError(`--${given} is not an option of 'class report'; it takes a journal and --json or --csv <file>.`);
  const path = positionals[2];
  if (path === undefined) throw new UsageError("'hs-tutor class report' needs a class's journal, as in 'hs-tutor class report results.journal'.");
  if (positionals.length > 3) throw new UsageError(`'hs-tutor class report' takes one journal, not '${positionals.slice(2).join(' ')}'.`);
  if (values.json === true && values.csv !== undefined) throw new UsageError('--json and --csv are two forms of the report; choose one.');
  if (values.csv === '') throw new UsageError('--csv needs a file name, as in --csv report.csv.');
  const journal = loadJournal(path);
  if (journal === null) return 1;
  const {classReport, reportCsv, reportText} = await import('../class/report.js');
  const result = classReport(journal);
  if (values.json === true) {
    out.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  if (values.csv !== undefined) {
    try {
      writeFilesSafely([{path: values.csv, data: reportCsv(result), mode: 0o600}], values.force === true);
    } catch (error) {
      tell(csvProblem(values.csv, (error as NodeJS.ErrnoException).code ?? 'EIO'));
      return 1;
    }
    out.write(`Wrote the report of ${result.questions.length} question${result.questions.length === 1 ? '' : 's'} to ${values.csv}.\n`);
    return 0;
  }
  const {wrap} = await import('../render/text.js');
  out.write(`${reportText(result).flatMap((line) => (line === '' ? [''] : wrap(line, Math.max(40, out.width), 4))).join('\n')}\n`);
  return 0;
}

async function join(values: Values, positionals: string[]): Promise<number> {
  refuseFlags(values, HOST_ONLY, 'class join', 'class host');
  if (values.json === true) throw new UsageError("--json is for 'class report', not 'class join'; see 'hs-tutor --help'.");
  const target = positionals[2];
  if (target === undefined) throw new UsageError(`'hs-tutor class join' needs the address the instructor's screen shows, as in ${JOIN_EXAMPLE}.`);
  if (positionals.length > 3) throw new UsageError(`'hs-tutor class join' takes one address, not '${positionals.slice(2).join(' ')}'.`);
  const {host: address, port} = parseAddress(target);
  if (values.code === undefined || values.code === '') throw new UsageError(`'hs-tutor class join' needs the join code with --code, as in ${JOIN_EXAMPLE}.`);
  const [{cleanName, ClassClient, JoinError, normalizeCode, CODE_DIGITS}] = await Promise.all([import('../class/index.js')]);
  const code = normalizeCode(values.code);
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) throw new UsageError(`The join code is ${CODE_DIGITS} digits, as the instructor's screen shows, not '${cleanName(values.code)}'.`);
  let fallback = process.env.USER ?? '';
  try {
    fallback = userInfo().username;
  } catch {
    // No user name (some containers): --name or the USER variable.
  }
  const name = cleanName(values.name ?? fallback);
  if (name === '') throw new UsageError("Your name has no letters or digits left once control characters are taken out; give one with --name, as in --name Ana.");
  needTerminal(`hs-tutor class join ${target}`);
  colour(values);
  const lessons = lessonsFor(values);

  const client = new ClassClient({host: address, port, code, name});
  try {
    await client.start();
  } catch (error) {
    if (!(error instanceof JoinError)) throw error;
    // The host's reason already says what to do; a silence needs the advice.
    const advice = error.kind === 'refused' ? '' : "; check the address and port on the instructor's screen, and that this machine is on the same network";
    tell(`Could not join the class at ${target}: ${error.message}${advice}.`);
    return 1;
  }
  const {runStudent, printAfterExit} = await import('../ui/class/run.js');
  try {
    // Missed questions go into this student's own spaced review (hs-tutor review brings them back).
    const progress = tutorProgress();
    await runStudent({client, lessons, address: target, review: (outcomes) => progress.recordPredictions(outcomes)});
  } finally {
    client.close();
  }
  const {reason} = client.state;
  if (reason && reason !== 'you left the class') printAfterExit(`You left the class (${reason}).`);
  return 0;
}
