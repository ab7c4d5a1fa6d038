// Strict argument parsing for one command, with parseArgs' errors turned into CLI.md's
// one-sentence usage errors.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Accepted by every command (CLI.md "Global"). */
export const GLOBAL_OPTIONS = {
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'v'},
  'no-color': {type: 'boolean'},
  // Plain sentences in the ordinary screen instead of the drawn tutor (INK_SCREEN_READER=true does the same).
  'screen-reader': {type: 'boolean'},
  // Instructor lesson folders, on top of the built-in lessons and HS_TUTOR_LESSONS.
  lessons: {type: 'string', multiple: true},
} as const satisfies OptionsConfig;

/** `argv` parsed strictly against the global options plus `options`; positionals include the command word. */
export function parseCommandArgs<const O extends OptionsConfig>(command: string, argv: string[], options: O) {
  const all = {...GLOBAL_OPTIONS, ...options};
  try {
    return parseArgs({args: argv, options: all, strict: true, allowPositionals: true});
  } catch {
    throw new UsageError(explain(command, argv, all));
  }
}

// parseArgs' own messages are long and name no fix, so find the offending token again.
function explain(command: string, argv: string[], options: OptionsConfig): string {
  const {tokens} = parseArgs({args: argv, options, strict: false, allowPositionals: true, tokens: true});
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined) {
      const names = Object.keys(options).map((name) => `--${name}`);
      return `Unknown option '${token.rawName}' for ${command}; ${didYouMean(token.rawName, names, "'hs-tutor --help' lists the options.")}`;
    }
    if (spec.type === 'string' && token.value === undefined) {
      return `Option '${token.rawName}' needs a value; see 'hs-tutor --help'.`;
    }
    if (spec.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      return `Option '${token.rawName}' needs a value, but '${token.value}' looks like an option; write ${token.rawName}=${token.value} if it is the value.`;
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      return `Option '${token.rawName}' takes no value; write just ${token.rawName}.`;
    }
  }
  return `The arguments of ${command} could not be read; see 'hs-tutor --help'.`;
}
