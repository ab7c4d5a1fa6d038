import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import Conf from 'conf';
import {afterEach, describe, expect, it} from 'vitest';
import {confConfigFolder, progressPath} from '../../src/progress/index.js';

const saved = process.env.XDG_CONFIG_HOME;
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved;
});

describe('progress file location', () => {
  it("is conf's config folder for hs-tutor with no -nodejs suffix", () => {
    // Point XDG_CONFIG_HOME at a temporary folder so conf touches nothing in the real home.
    process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'hs-tutor-xdg-'));
    const conf = new Conf({projectName: 'hs-tutor', projectSuffix: '', configName: 'location-probe'});
    expect(confConfigFolder()).toBe(dirname(conf.path));
    expect(confConfigFolder()).toBe(join(process.env.XDG_CONFIG_HOME, 'hs-tutor'));
    expect(progressPath(undefined, {})).toBe(join(confConfigFolder({}), 'progress.json'));
  });

  it('follows the platform conventions conf uses elsewhere', () => {
    expect(confConfigFolder({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Preferences/hs-tutor');
    expect(confConfigFolder({APPDATA: 'C:/Users/ann/AppData/Roaming'}, 'win32', 'C:/Users/ann')).toBe(join('C:/Users/ann/AppData/Roaming', 'hs-tutor', 'Config'));
    expect(confConfigFolder({}, 'linux', '/home/ann')).toBe('/home/ann/.config/hs-tutor');
  });

  it('HS_TUTOR_HOME wins, relative to the working folder; an empty one is ignored', () => {
    expect(progressPath(undefined, {HS_TUTOR_HOME: '/srv/class'})).toBe('/srv/class/progress.json');
    expect(progressPath(undefined, {HS_TUTOR_HOME: 'here'})).toBe(join(process.cwd(), 'here', 'progress.json'));
    expect(progressPath(undefined, {HS_TUTOR_HOME: '', XDG_CONFIG_HOME: '/x'})).toBe('/x/hs-tutor/progress.json');
  });
});
