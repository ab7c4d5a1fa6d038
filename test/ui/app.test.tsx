// The whole TUI rendered with ink-testing-library: what a learner sees after each key.
import {act} from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {App, SAVE_AFTER_MS} from '../../src/ui/app/App.js';
import {BINDINGS} from '../../src/ui/app/bindings.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';
import {readFileSync} from 'node:fs';
import {captureTrace} from '../../src/engine/bytes/capture-trace.js';
import {connectionsOf} from '../../src/engine/bytes/capture-connections.js';
import {readCapture} from '../../src/engine/bytes/read-capture.js';
import {captureLesson} from '../../src/cli/capture-lesson.js';

afterEach(unmountAll);

const part = (scenario: string) => ({title: findPreset(scenario)!.title, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [
  {id: 'tls13', title: 'TLS 1.3: one round trip', parts: [part('tls13')], narration: (_p, id) => (id === 'client-hello' ? 'The client offers its key share.' : undefined)},
  {id: 'tcp-close', title: 'Closing', parts: [part('tcp-close')], narration: () => undefined},
];

describe('the TUI', () => {
  it('home lists every lesson with its status; enter opens the player at the first frame', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} />);
    expect(ui.screen()).toContain('[ ] TLS 1.3: one round trip');
    expect(ui.screen()).toContain('[ ] Closing');
    await ui.press(KEYS.enter);
    expect(ui.screen()).toContain('frame 1/');
    expect(ui.screen()).toMatch(/▸ +0 +0 +SYN-SENT +─ SYN seq=\d+/);
    expect(ui.screen()).not.toContain('SYN-ACK');
  });

  it('stepping draws the next arrow and marks the states that changed', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press(KEYS.right);
    const screen = ui.screen();
    expect(screen).toContain('frame 2/');
    // Time-true: the SYN-ACK leaves the server at 50 ms and reaches the client only at 100 ms.
    expect(screen).toMatch(/▸ +50 0\.5 +SYN-SENT +◀─+ SYN-ACK/);
    expect(screen).toMatch(/server +TCP SYN-RECEIVED\* +TLS START/);
    expect(screen).toMatch(/client +TCP SYN-SENT +TLS START/);
    await ui.press(KEYS.right);
    expect(ui.screen()).toMatch(/client +TCP ESTABLISHED\* +TLS WAIT_SH\*/);
    await ui.press('l', ' ', 'h');
    expect(ui.screen()).toContain('frame 4/');
  });

  it('shows the lesson narration and the frame\'s fields', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press(KEYS.right, KEYS.right, KEYS.right);
    expect(ui.screen()).toContain('The client offers its key share.');
    expect(ui.screen()).toMatch(/TLS ClientHello \(cleartext\)/);
  });

  it('r runs the lab for the part on show and draws its report, real beside simulated', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tcp-close" rttMs={10} />);
    await ui.press('r');
    expect(ui.screen()).toContain('Running tcp-close for real');
    // The root runs real sockets on loopback; the report comes when they are done.
    await vi.waitFor(
      async () => {
        await act(async () => {});
        expect(ui.screen()).toContain('Lab: tcp-close at RTT 10 ms');
      },
      {timeout: 20_000, interval: 20},
    );
    expect(ui.screen()).toMatch(/→ +10\.0 +[\d.]+ +[+−][\d.]+ +request \(100 B\)/);
    await ui.press('r');
    expect(ui.screen()).toContain('frame 1/');
  });

  it('steps a real TLS 1.3 capture in the player: its packets, opened with the key log, the bytes, and no knobs', async () => {
    const capture = readCapture(readFileSync(new URL('../fixtures/captures/real-tls13.pcapng', import.meta.url)));
    const keylog = readFileSync(new URL('../fixtures/captures/real-tls13.keys', import.meta.url), 'utf8').split('\n');
    const {trace, info} = captureTrace(connectionsOf(capture.segments)[0]!, capture.segments, {file: 'real-tls13.pcapng', keylog});
    const lesson = captureLesson('real-tls13.pcapng', 1, trace, info);
    const ui = await renderTui(<App lessons={[lesson]} progress={memoryProgress()} lessonId={lesson.id} />);
    expect(ui.screen()).toContain('real-tls13.pcapng, connection 1');
    const server = trace.frames.findIndex((f) => f.label.includes('{Certificate}'));
    for (let i = 0; i < server; i++) await ui.press(KEYS.right);
    expect(ui.screen()).toContain('{Certificate}');
    expect(ui.screen()).toMatch(/Packet \d+, from the server: ServerHello \+ ChangeCipherSpec \+ \{EncryptedExtensions\}/);
    expect(ui.screen()).not.toContain('o knobs');
    await ui.press('o', 'c', 'r');
    expect(ui.screen()).not.toContain('Knobs of this part');
    await ui.press('i');
    expect(ui.screen()).toMatch(/Bytes of packet-\d+/);
  });

  it('the counting setting: enter on it switches how "the handshake takes" is counted, and progress keeps it', async () => {
    const progress = memoryProgress();
    const ui = await renderTui(<App lessons={LESSONS} progress={progress} />);
    expect(ui.screen()).toContain('Counting "the handshake takes": until the client may send');
    // Past the two lessons, quiz, drill and review.
    await ui.press(KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
    expect(ui.screen()).toContain('› Counting "the handshake takes": until the server is done too');
    expect(progress.counting()).toBe('server');
  });

  it('o opens the knobs; a change re-simulates on the spot', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press('o');
    expect(ui.screen()).toContain('Knobs of this part');
    await ui.press(KEYS.down, KEYS.down, KEYS.down, KEYS.right, KEYS.right); // tfo → cookie
    expect(ui.screen()).toMatch(/› tfo +‹ cookie ›/);
    await ui.press(KEYS.escape);
    expect(ui.screen()).toContain('SYN + TFO cookie + ClientHello');
  });

  it('c compares side by side and marks the frames that differ', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press('c');
    const screen = ui.screen();
    expect(screen).toContain('TLS 1.2 instead of 1.3');
    expect(screen).toContain('≠');
    expect(screen).toContain('Request sent at 200 ms (2 RTT) as set, 300 ms (3 RTT) TLS 1.2 instead of 1.3: 100 ms (1 RTT) later.');
  });

  it('? lists every binding with its whole description, scrolling to the end at 80×24', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.resize(80, 24);
    await ui.press('?');
    // Opened from the player, the player's keys come first, in view at once.
    expect(ui.screen().split('\n').slice(0, 8).join('\n')).toMatch(/Lesson player[\s\S]*next frame/);
    let seen = ui.screen();
    for (let page = 0; page < 30 && /more below/.test(ui.screen()); page++) {
      await ui.press(KEYS.pageDown);
      seen += ui.screen();
    }
    expect(ui.screen()).not.toMatch(/more below/);
    const text = seen.replace(/\s+/g, ' ');
    for (const binding of BINDINGS) expect(text).toContain(binding.label);
    expect(seen).not.toContain('…');
  });

  it('saves the position as the learner steps, and reopens there', async () => {
    const progress = memoryProgress();
    const ui = await renderTui(<App lessons={LESSONS} progress={progress} lessonId="tls13" />);
    await ui.press(KEYS.right, KEYS.right, KEYS.right);
    // Saved once the learner leaves (or pauses), not on every key.
    ui.unmount();
    expect(progress.position('tls13')).toMatchObject({part: 0, frame: 3, frameId: 'client-hello', status: 'in-progress'});
    const again = await renderTui(<App lessons={LESSONS} progress={progress} />);
    expect(again.screen()).toContain('Continue: TLS 1.3: one round trip (part 1, frame 4)');
    expect(again.screen()).toContain('[~] TLS 1.3: one round trip · in progress');
    await again.press(KEYS.enter);
    expect(again.screen()).toContain('frame 4/');
  });

  it('saves the place once the learner pauses, not on every key', async () => {
    const saves: string[] = [];
    const progress = memoryProgress();
    const counting = {...progress, save: (id: string, position: Parameters<typeof progress.save>[1]) => {
      saves.push(position.frameId);
      progress.save(id, position);
    }};
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
    try {
      const ui = await renderTui(<App lessons={LESSONS} progress={counting} lessonId="tls13" />);
      await ui.press(KEYS.right, KEYS.right, KEYS.right);
      expect(saves).toEqual([]);
      await act(async () => {
        vi.advanceTimersByTime(SAVE_AFTER_MS);
      });
      expect(saves).toEqual(['client-hello']);
      await ui.press(KEYS.right);
      ui.unmount();
      expect(saves).toEqual(['client-hello', 'server-flight']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says how big the window must be when it is too small, and recovers', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.resize(70, 20);
    expect(ui.screen()).toContain('needs a window of at least 80×24; this one is 70×20');
    await ui.resize(100, 30);
    expect(ui.screen()).toContain('frame 1/');
  });

  it('t draws the ladder to scale and back; the choice holds across parts and sizes', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press('l', 'l', 't');
    expect(ui.screen()).toMatch(/client +server +(what it carries \(to scale|to scale)/);
    expect(ui.screen()).toMatch(/│─+╮/);
    await ui.resize(80, 24);
    expect(ui.screen()).toMatch(/server +to scale/);
    await ui.press('t');
    expect(ui.screen()).not.toContain('to scale');
    expect(ui.screen()).toMatch(/ms RTT +client/);
  });

  it('never draws more lines than the terminal has', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tcp-close" />);
    for (const [columns, rows] of [[80, 24], [100, 30], [120, 40]] as const) {
      await ui.resize(columns, rows);
      await ui.press('G');
      for (const overlay of ['', 'o', 'c', 'i', '?']) {
        if (overlay) await ui.press(overlay);
        const lines = ui.screen().split('\n');
        expect(lines.length).toBeLessThan(rows);
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
        if (overlay) await ui.press(KEYS.escape);
      }
    }
  });
});

describe('keys that arrive together', () => {
  it('a burst of printable keys counts as separate presses, each in the mode it lands in', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press('lll');
    expect(ui.screen()).toContain('frame 4/');
    await ui.press('oo');
    expect(ui.screen()).not.toContain('Knobs of this part');
    await ui.press('q');
    expect(ui.screen()).toContain('Pick a lesson');
    await ui.press('j\r'); // home comes back on TLS 1.3: the next lesson down
    expect(ui.screen()).toContain('Closing');
    expect(ui.screen()).toContain('frame 1/');
  });
});

describe('the byte inspector', () => {
  it('i shows the frame\'s bytes field by field; ↓ moves to the next field, → to the next frame', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.press('l', 'l', 'l', 'i');
    expect(ui.screen()).toMatch(/Bytes of client-hello · field 1\//);
    expect(ui.screen()).toContain('IPv4');
    await ui.press(KEYS.down);
    expect(ui.screen()).toMatch(/field 2\//);
    await ui.press(KEYS.right);
    expect(ui.screen()).toMatch(/Bytes of server-flight · field 1\//);
    await ui.press(KEYS.escape);
    expect(ui.screen()).not.toContain('Bytes of');
  });
});

describe('the home screen', () => {
  it('keys typed in one burst still save the place, and home comes back with the cursor on the lesson left', async () => {
    const progress = memoryProgress();
    const ui = await renderTui(<App lessons={LESSONS} progress={progress} />);
    await ui.press('j\rll');
    await ui.press('q');
    expect(progress.position('tcp-close')).toMatchObject({frame: 2});
    const screen = ui.screen();
    expect(screen).toContain('Continue: Closing (part 1, frame 3)');
    expect(screen).toMatch(/^› \[~\] Closing/m);
  });

  it('marks what is above and below the menu when it does not fit, and shows the selected lesson\'s summary', async () => {
    const many: TutorLesson[] = Array.from({length: 30}, (_, i) => ({...LESSONS[0]!, id: `l${i}`, title: `Lesson ${i}`, summary: `What lesson ${i} teaches.`}));
    const ui = await renderTui(<App lessons={many} progress={memoryProgress()} />);
    await ui.resize(80, 24);
    expect(ui.screen()).toMatch(/↓ \d+ more/);
    expect(ui.screen()).toContain('What lesson 0 teaches.');
    for (let i = 0; i < 25; i++) await ui.press('j');
    expect(ui.screen()).toMatch(/↑ \d+ more/);
    expect(ui.screen()).toContain('What lesson 25 teaches.');
    expect(ui.screen().split('\n').length).toBeLessThanOrEqual(23);
  });
});
