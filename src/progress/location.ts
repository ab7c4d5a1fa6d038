// Where the progress file lives (CLI.md): $HS_TUTOR_HOME/progress.json, else progress.json in
// conf's config folder for the project name `hs-tutor` with no `-nodejs` suffix.
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';

export const PROGRESS_FILE = 'progress.json';

/**
 * conf's config folder for `{projectName: 'hs-tutor', projectSuffix: ''}`, computed as conf's
 * env-paths does (XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Preferences on macOS,
 * %APPDATA%\hs-tutor\Config on Windows). It is computed here rather than by constructing conf,
 * because loading conf costs ~70 ms on every start and its constructor reads (and throws on) the
 * very file this store must be able to move aside; a test checks it against conf itself.
 */
export function confConfigFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const name = 'hs-tutor';
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', name);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), name);
}

/** The folder that holds the progress file: `home`, else HS_TUTOR_HOME when set and not empty, else conf's. */
export function progressHome(home?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = home ?? (env.HS_TUTOR_HOME || undefined);
  return chosen === undefined ? confConfigFolder(env) : resolve(chosen);
}

export function progressPath(home?: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(progressHome(home, env), PROGRESS_FILE);
}
