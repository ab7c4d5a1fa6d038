// Any bytes a terminal can send, on any screen, through the terminal's key filter into the whole
// TUI (renderTui types them as the terminal does): nothing crashes and every frame still draws.
// Ink's own key parsing, which the tutor never uses, throws on the first unknown Ctrl-modified
// key (ink#901).
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import {renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const part = (scenario: string) => ({title: scenario, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [
  {id: 'tls13', title: 'TLS 1.3', parts: [part('tls13'), part('quic')], narration: () => 'Narration.'},
  {id: 'tcp-close', title: 'Closing', parts: [part('tcp-close')], narration: () => undefined},
];

/** Keys that move between screens and overlays, and sequences no screen binds (some crash Ink 6.8). */
const KEYS = ['\r', '\x1b', 'q', 'j', 'k', 'l', 'h', 'o', 'c', 'i', '?', '\t', '1', '2', 'p', 'G', 'g', ']', '[', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D'];
const JUNK = ['\x1b[29;5~', '\x1b[1;5P', '\x1b[I', '\x1b[O', '\x1b[<0;10;10M', '\x1b[M !!', '\x1b[200~xyz\x1b[201~', '\x1b[99;7u', '\x1b]11;rgb:0/0/0\x07', '\x00', '\x1c', '\u0085', '\x1b[', '\x1bO'];

describe('input that is not a key', () => {
  it('never crashes a screen, whatever arrives in what order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...JUNK), fc.string({unit: 'binary', maxLength: 4})), {minLength: 1, maxLength: 25}), async (chunks) => {
        const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} now={() => new Date('2026-12-03T12:00:00Z')} />);
        for (const chunk of chunks) await ui.press(chunk);
        // The program is either still drawing a screen or has quit (q on the home screen).
        expect(typeof ui.screen()).toBe('string');
        ui.unmount();
      }),
      {numRuns: 60},
    );
  });
});
