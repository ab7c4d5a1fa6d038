// The built-in curriculum, proved against the engine: every lesson loads cleanly, every part
// simulates to a valid trace, every frame it narrates exists, every placeholder resolves, every
// checkpoint's answer is the engine's, at several round-trip times. And the source article's
// errors (protocol-facts §7) each have a correction in the lesson that covers them.
import {describe, expect, it} from 'vitest';
import {buildCurriculum, builtInLessonsDir, loadCurriculum, type Lesson} from '../../src/curriculum/index.js';
import {compileLesson} from '../../src/curriculum/compile.js';
import {readLessonFolder} from '../../src/curriculum/files.js';
import {evaluate} from '../../src/curriculum/query.js';
import {UNRESOLVED} from '../../src/curriculum/template.js';
import {checkTrace} from '../../src/engine/invariants.js';

const curriculum = loadCurriculum({env: {}});
const lessons = curriculum.lessons;
const compiled = readLessonFolder(builtInLessonsDir(), 'built-in').files.map((f) => compileLesson(f).lesson!);

/** CLI.md "Lesson files": ids handouts and scripts use, in the source article's order. */
const ARTICLE_PATH = ['tcp-handshake', 'tcp-close', 'tcp-modern', 'tls12', 'tls13', 'tfo', 'tls13-resumption', 'fastest-connection'];
/** Beyond the article (issue 4). */
const BEYOND = ['tcp-rst', 'tcp-simultaneous', 'tcp-syn-lost', 'syn-cookies', 'tls13-hrr', 'tls12-resumption', 'client-auth', 'quic', 'tcp-loss', 'time-wait-practice', 'socket-view', 'tls12-variants', 'page-load'];

describe('the built-in curriculum', () => {
  it('loads with no problem at all', () => {
    expect(curriculum.problems).toEqual([]);
    expect(compiled.every(Boolean)).toBe(true);
  });

  it('keeps the ids CLI.md names, as the default path in the article\'s order, then goes beyond it', () => {
    expect(lessons.map((l) => l.id)).toEqual([...ARTICLE_PATH, ...BEYOND]);
  });

  it('covers every scenario family the issue asks for', () => {
    const scenarios = new Set(lessons.flatMap((l) => l.parts.map((p) => p.scenario)));
    for (const id of [
      'tcp-handshake', 'tcp-close', 'tcp-modern', 'tcp-simultaneous-open', 'tcp-simultaneous-close', 'tcp-refused',
      'tcp-syn-lost', 'tcp-syn-cookies', 'tcp-abort', 'tls12', 'tls12-resumed', 'tls12-false-start', 'tls12-client-auth', 'tls13',
      'tls13-hrr', 'tls13-psk', 'tls13-client-auth', 'tls13-0rtt', 'tls13-0rtt-rejected', 'tfo-request', 'tfo-cookie', 'tfo-tls13',
      'tfo-tls13-0rtt', 'quic', 'quic-0rtt', 'quic-retry', 'tfo-cookie-rejected', 'tfo-syn-dropped', 'tls13-no-compat',
    ]) {
      expect(scenarios, id).toContain(id);
    }
  });
});

describe.each(lessons.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson: Lesson) => {
  const source = compiled.find((c) => c.id === lesson.id)!;

  it('has objectives, takeaways and RFC references', () => {
    expect(lesson.objectives.length).toBeGreaterThan(0);
    expect(lesson.takeaways.length).toBeGreaterThan(0);
    expect(lesson.references.some((r) => r.rfc !== null && r.url !== null)).toBe(true);
  });

  it.each([20, 100, 250, 999])('plays at RTT %i ms: valid traces, every narrated frame present, every placeholder filled', (rttMs) => {
    const play = lesson.play({rttMs});
    const texts: string[] = [play.intro.text, ...play.objectives, ...play.takeaways];
    play.parts.forEach((part, index) => {
      expect(checkTrace(part.trace), `${lesson.id} part ${index + 1}`).toEqual([]);
      const ids = part.trace.frames.map((f) => f.id);
      const frameSections = source.sections.filter((s) => s.part === index && s.kind === 'frame' && Object.keys(s.when).length === 0);
      for (const section of frameSections) expect(ids, `${lesson.id} part ${index + 1} narrates ${section.frame}`).toContain(section.frame);
      const sections = [part.intro, part.end, ...ids.flatMap((id) => part.frame(id) ?? [])];
      expect(sections.length).toBeGreaterThan(2);
      for (const section of sections) {
        texts.push(section.text, ...section.checkpoints.flatMap((c) => [c.ask, c.explain, ...c.choices]));
        texts.push(...section.corrections.flatMap((c) => [c.claim, c.actually, c.why]));
      }
    });
    for (const text of texts) expect(text, lesson.id).not.toMatch(new RegExp(`(^|\\s)\\${UNRESOLVED}(\\s|[.,;:)]|$)`));
  });

  it('asks every checkpoint, and each engine answer is the engine\'s own figure', () => {
    const play = lesson.play();
    const asked = [play.intro, ...play.parts.flatMap((p) => [p.intro, p.end, ...p.trace.frames.flatMap((f) => p.frame(f.id) ?? [])])].flatMap((s) => s.checkpoints);
    const written = source.sections.filter((s) => Object.keys(s.when).length === 0).flatMap((s) => s.checkpoints);
    expect(asked).toHaveLength(written.length);
    for (const checkpoint of asked) {
      expect(checkpoint.choices.length, checkpoint.ask).toBeGreaterThanOrEqual(2);
      expect(checkpoint.check(checkpoint.choices[checkpoint.answer]!), checkpoint.ask).toBe(true);
      expect(checkpoint.choices.filter((c) => checkpoint.check(c)), checkpoint.ask).toHaveLength(1);
    }
    // Each engine checkpoint, answered again from scratch: its right choice is the figure the trace holds.
    const traces = play.parts.map((p) => ({part: p.part, trace: p.trace}));
    for (const section of source.sections) {
      for (const cp of section.checkpoints) {
        if (cp.expect === null) continue;
        const result = evaluate(cp.expect, {parts: traces, part: section.part, frame: section.frame});
        expect(result.ok, `${lesson.id} line ${cp.line}`).toBe(true);
        if (cp.answer !== null && result.ok) {
          const shown = Array.isArray(result.value.value.value) ? result.value.value.value.join(', ') : String(result.value.value.value);
          expect(shown.toLowerCase().replace(/[-_\s]/g, ''), `${lesson.id} line ${cp.line}`).toContain(cp.answer.toLowerCase().replace(/[-_\s]/g, '').replace(/rtt$/, ''));
        }
      }
    }
  });

  it('narrates briefly: a few sentences per frame', () => {
    for (const section of source.sections.filter((s) => s.kind === 'frame')) {
      expect(section.text.length, `${lesson.id} @${section.frame}`).toBeLessThanOrEqual(1000);
      expect(section.text.length, `${lesson.id} @${section.frame}`).toBeGreaterThan(0);
    }
  });
});

/**
 * protocol-facts §7: each claim of the source article that is simplified or wrong, the lesson
 * that shows the claim, the correct picture and why, and words its correction must contain.
 */
const ARTICLE_ERRORS: [claim: string, lesson: string, pattern: RegExp][] = [
  ['establishing needs 1.5 RTT', 'tcp-handshake', /1\.5 RTT/],
  ['terminating needs 2 RTT', 'tcp-close', /2 RTT/],
  ['with delayed ACK, termination needs ~1.5 RTT', 'tcp-modern', /delayed ACK.*1\.5 RTT/i],
  ['the FIN+ACK puts the client in FIN-WAIT-2', 'tcp-modern', /FIN-WAIT-2/],
  ['the server\'s delayed ACK puts data on the final ACK', 'tcp-modern', /delayed acknowledgment.*final ACK/i],
  ['TLS 1.2: the server asks for the certificate', 'tls12', /asks for the client's certificate/],
  ['TLS 1.2: the client chooses the cipher spec', 'tls12', /chooses the cipher spec/],
  ['TLS 1.3: "verify certificate"', 'tls13', /verify certificate/],
  ['TFO + TLS 1.3 run the handshakes simultaneously', 'fastest-connection', /simultaneously/],
  ['pre_shared_key and early_data make TLS 0 RTT', 'tls13-resumption', /pre_shared_key and early_data/],
  ['TFO: the server is "Establish" and the ACK is missing', 'tfo', /"Establish"/],
  ['the server ends in CLOSE', 'tcp-close', /state CLOSE\b/],
];

describe('the source article\'s errors (protocol-facts §7)', () => {
  it.each(ARTICLE_ERRORS)('"%s" is corrected in %s: claim, correct picture, why', (_claim, id, pattern) => {
    const play = curriculum.find(id)!.play();
    const sections = [play.intro, ...play.parts.flatMap((p) => [p.intro, p.end, ...p.trace.frames.flatMap((f) => p.frame(f.id) ?? [])])];
    const corrections = sections.flatMap((s) => s.corrections).filter((c) => pattern.test(c.claim));
    expect(corrections).toHaveLength(1);
    const [correction] = corrections;
    expect(correction?.actually.length).toBeGreaterThan(20);
    expect(correction?.why.length).toBeGreaterThan(20);
    expect(correction?.source).toBe('the source article');
  });
});

describe('the built-in lessons compiled at build time', () => {
  // The build ships each compiled lesson as JSON (src/curriculum/built-in-compiled.ts): a lesson
  // made from that must play exactly as one compiled from its file.
  it('play the same after a JSON round trip as compiled from their files', () => {
    const fromJson = buildCurriculum([], [], JSON.parse(JSON.stringify(compiled)) as typeof compiled);
    expect(fromJson.problems).toEqual([]);
    expect(fromJson.lessons.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    for (const [i, lesson] of fromJson.lessons.entries()) {
      const original = lessons[i]!;
      for (const rttMs of [20, 250]) {
        const a = lesson.play({rttMs});
        const b = original.play({rttMs});
        expect(a.objectives, lesson.id).toEqual(b.objectives);
        expect(a.takeaways).toEqual(b.takeaways);
        a.parts.forEach((part, p) => {
          for (const frame of part.trace.frames) {
            const sa = part.frame(frame.id);
            const sb = b.parts[p]!.frame(frame.id);
            expect(sa?.text, `${lesson.id} ${frame.id}`).toEqual(sb?.text);
            expect(sa?.checkpoints.map((c) => [c.ask, c.choices, c.answer])).toEqual(sb?.checkpoints.map((c) => [c.ask, c.choices, c.answer]));
          }
        });
      }
    }
  });
});
