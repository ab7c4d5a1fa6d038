// The progress store's public API: what the TUI and the CLI call. Nothing else touches the file.
export {
  type CheckpointRecord,
  emptyProgress,
  type LessonProgress,
  type LessonStatus,
  MIGRATIONS,
  migrate,
  type PredictionRun,
  type ProgressDoc,
  parseProgressText,
  ProgressFormatError,
  type QuizHistoryEntry,
  type ReviewDeck,
  type ReviewEntry,
  SCHEMA_VERSION,
  DEFAULT_SETTINGS,
  type Settings,
  toProgress,
} from './doc.js';
export {confConfigFolder, PROGRESS_FILE, progressHome, progressPath} from './location.js';
export {mergeProgress} from './merge.js';
export {
  type ImportSummary,
  type LessonPosition,
  openProgress,
  ProgressError,
  type ProgressOptions,
  type ProgressStore,
  type QuizSessionRecord,
} from './store.js';
