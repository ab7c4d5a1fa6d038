import {readFileSync} from 'node:fs';

export interface PackageInfo {
  version: string;
  description: string;
}

/** package.json, read only when asked so ordinary commands do not pay for it at start-up. */
export function packageInfo(): PackageInfo {
  // ../../package.json from both src/cli (tests) and dist/cli (the built program).
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
}
