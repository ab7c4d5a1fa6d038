// The sentence for a command (or a form of one) that exists in CLI.md but is not built yet.
import type {Command} from './commands.js';

export const PLAIN_COMMANDS = "'hs-tutor list' and 'hs-tutor show <scenario>'";

export function notBuilt(command: Pick<Command, 'name' | 'needsTerminal'>, json: boolean): string {
  const interactive = command.needsTerminal === 'yes' || (command.needsTerminal === 'unless --json' && !json);
  if (interactive) {
    return `The interactive tutor is not built yet in this version; use the plain commands ${PLAIN_COMMANDS}.`;
  }
  const name = command.needsTerminal === 'unless --json' ? `${command.name} --json` : command.name;
  return `'hs-tutor ${name}' is not built yet in this version; ${PLAIN_COMMANDS} work today.`;
}
