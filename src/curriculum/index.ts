// The curriculum's public API: load and validate lesson folders, and play a lesson's parts with
// their narration, checkpoints and corrections. The lesson player and the CLI import from here;
// code that must not touch the disk imports core.js instead.
export * from './core.js';
export {builtInLessonsDir, lessonDirsFromEnv, lessonFolders, loadCurriculum, readLessonFolder, validateLessonFolder, type LoadOptions} from './files.js';
