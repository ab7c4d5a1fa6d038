// The built-in lessons compiled at build time. From source this is null (every lesson compiles
// from its file); the build (scripts/build.mjs) replaces this module's text with the data, so it
// lands only in the chunks of code that imports it, never in the first paint's.
import type {BuiltInIndex} from './built-in.js';
import type {CompiledLesson} from './compile.js';

export interface BuiltInCompiled {
  files: BuiltInIndex['files'];
  lessons: CompiledLesson[];
}

const compiled: BuiltInCompiled | null = null;
export default compiled;
