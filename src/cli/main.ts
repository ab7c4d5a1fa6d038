// The program: read the command line, run one command, and turn every outcome into CLI.md's
// exit code. bin/hs-tutor.js imports this module and calls main().
import {parseArgs} from 'node:util';
import {UsageError} from '../engine/errors.js';
import '../render/string-width.js';
import {tell} from './tell.js';
import {didYouMean} from '../engine/suggest.js';
import {GLOBAL_OPTIONS, type OptionsConfig} from './args.js';
import {type Command, COMMANDS} from './commands.js';
import {helpText} from './help.js';
import {packageInfo} from './package-info.js';
import {stdoutTerminal} from './terminal.js';

/** CLI.md's exit codes. */
export const EXIT = {ok: 0, failure: 1, usage: 2} as const;

const OUTPUT_PROBLEMS: Record<string, string> = {ENOSPC: 'the disk is full', EIO: 'an input/output error', EBADF: 'standard output is closed', EACCES: 'permission denied'};

/**
 * Standard output failing. A reader that stops early (`hs-tutor show tls13 | head`) is not an
 * error worth a word; anything else (`> /dev/full`, a full disk) gets one sentence and exit 1,
 * never a stack trace: nothing more can be written anyway.
 */
function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') return;
  tell(`Could not write the output: ${OUTPUT_PROBLEMS[error.code ?? ''] ?? error.code ?? error.message}.`);
  process.exit(EXIT.failure);
}

/** Runs the command in `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (!process.stdout.listeners('error').includes(onOutputError)) process.stdout.on('error', onOutputError);
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      tell(error.message);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    tell(`internal error (${message}); this is a bug, please report it.`);
    return EXIT.failure;
  }
}

function run(argv: string[]): number | Promise<number> {
  // A loose first pass finds the command word and the global flags; the command then parses
  // strictly with its own options. Every built command's options are known here so that their
  // values ('--rtt 80') are not mistaken for the command word.
  const options: OptionsConfig = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((command) => command.options));
  const {values, positionals} = parseArgs({args: argv, options, strict: false, allowPositionals: true});
  if (values.help === true) {
    process.stdout.write(helpText(packageInfo()));
    return 0;
  }
  if (values.version === true) {
    process.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  const command = findCommand(positionals[0] ?? '');
  return command.run(argv, stdoutTerminal(values['no-color'] === true));
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command !== undefined) return command;
  const names = COMMANDS.map((c) => c.name).filter((n) => n !== '');
  throw new UsageError(`Unknown command '${name}'; ${didYouMean(name, names, "'hs-tutor --help' lists the commands.")}`);
}
