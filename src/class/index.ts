// Class mode without Ink: the protocol, the host and student states, the network host and
// client, and what the instructor pushes and saves. The TUI and the CLI import from here.
export {ClassClient, cleanPosition, describeNetworkError, JoinError, type ClientOptions} from './client.js';
export {normalizeCode, parseCode, showCode, CODE_DIGITS} from './code.js';
export {EVIL_TWIN, exportHostKey, importHostKey, newHostKey, type HostKey} from './handshake.js';
export {CSV_COLUMNS, resultsCsv, writeResults} from './csv.js';
export {classReport, reportCsv, reportSummary, reportText, REPORT_CSV_COLUMNS, type ClassReport} from './report.js';
export {journalPathFor, JournalWriter, MAX_JOURNAL_BYTES, readJournal, type JournalHeader, type ReadJournal} from './journal.js';
export {ClassHost, DEFAULT_HOST_LIMITS, type HostLimits, type HostOptions} from './host.js';
export {
  answersByChoice,
  currentQuestion,
  firstHistogram,
  heatMap,
  type HeatSpot,
  histogram,
  votesOf,
  initialHostState,
  reduceHost,
  revealOf,
  rosterCounts,
  wireQuestion,
  type AskedQuestion,
  type HostEvent,
  type HostQuestion,
  type HostState,
  type Refusal,
  type RosterCounts,
  type RosterEntry,
} from './host-state.js';
export {DEFAULT_GUESSES, GuessBudget, MessageBudget, type GuessPolicy} from './limits.js';
export {
  DEFAULT_PORT,
  encode,
  MAX_HOST_LINE,
  MAX_STUDENT_LINE,
  parseHostMessage,
  parseStudentMessage,
  PROTOCOL_VERSION,
  type ClassPosition,
  type HostMessage,
  type Reveal,
  type StudentMessage,
  type WireLesson,
  type WireQuestion,
} from './protocol.js';
export {fromCheckpoints, quizQuestions, type CheckpointLike} from './questions.js';
export {cleanLine, cleanName, MAX_NAME} from './sanitize.js';
export {canAnswer, initialStudentState, reduceStudent, type Link, type StudentEvent, type StudentState} from './student-state.js';
