import {readFileSync} from 'node:fs';

export interface PackageInfo {
  version: string;
  description: string;
}

/** Set by the build (scripts/build.mjs, esbuild `define`): the bundle has no package.json beside it to read. */
declare const __HS_TUTOR_PACKAGE__: PackageInfo | undefined;

/** The package's version and description. */
export function packageInfo(): PackageInfo {
  if (typeof __HS_TUTOR_PACKAGE__ !== 'undefined') return __HS_TUTOR_PACKAGE__;
  // Running from source (tests): ../../package.json from src/cli, read only when asked.
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
}
