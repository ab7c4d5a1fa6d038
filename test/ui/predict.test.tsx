// Predict the next frame: the engine's choices at each frame, the player's predict mode (a
// prediction steps to the frame it was about, which opens with the verdict), the run's end, and
// what progress keeps; `hs-tutor predict --json`.
import {afterEach, describe, expect, it} from 'vitest';
import {tutorLesson} from '../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset, PRESET_IDS} from '../../src/engine/presets.js';
import {frameWhat} from '../../src/quiz/describe.js';
import {run} from '../../src/engine/runs.js';
import {predictionAt, predictWorksheet} from '../../src/quiz/predict.js';
import {App} from '../../src/ui/app/App.js';
import {recordPredictions} from '../../src/ui/app/effects.js';
import {initialState, reduce} from '../../src/ui/app/model.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import {completionLines, completionOf} from '../../src/ui/player/completion.js';
import {frameTexts} from '../../src/ui/player/layout.js';
import {openLesson, tick, updatePlayer, type PlayerState} from '../../src/ui/player/model.js';
import {pendingPrediction, startPredicting} from '../../src/ui/player/predictions.js';
import {hsTutor} from '../cli/run-cli.js';
import {renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const knobsOf = (id: string, set: Record<string, string> = {}) => resolveKnobs(findPreset(id)!.knobs, set);
const scenario = (id: string): TutorLesson => ({id: `predict:${id}`, title: `Predict: ${id}`, parts: [{title: id, scenario: id, knobs: knobsOf(id)}], narration: () => undefined, transient: true});

describe('the prediction worksheet', () => {
  it('asks, at each frame with a later one, for the real next frame, among real alternatives', () => {
    for (const id of ['tcp-handshake', 'tls13', 'tls12', 'quic', 'tcp-close', 'tfo-cookie']) {
      const knobs = knobsOf(id);
      const sheet = predictWorksheet(id, knobs, 100, 1);
      const trace = run({knobs, rttMs: 100, scenario: id});
      expect(sheet.frames.map((f) => f.frameId)).toEqual(trace.frames.map((f) => f.id));
      const asked = sheet.frames.filter((f) => f.question !== null);
      expect(asked.length, id).toBeGreaterThan(1);
      for (const f of asked) {
        const q = f.question!;
        const next = trace.frames[f.frame + 1]!;
        // The answer names the frame that follows, and who sends it.
        expect(q.choices[q.answer]!.startsWith(`${next.from}: `), `${id} ${f.frameId}`).toBe(true);
        expect(new Set(q.choices).size).toBe(q.choices.length);
        expect(next.sendMs).toBeGreaterThan(trace.frames[f.frame]!.sendMs);
      }
      expect(predictWorksheet(id, knobs, 100, 1)).toEqual(sheet);
    }
  });

  it('never offers as wrong a frame that is also right: one sent at the same instant, by either side (every preset)', () => {
    for (const id of PRESET_IDS) {
      const knobs = knobsOf(id);
      const trace = run({knobs, rttMs: 100, scenario: id});
      for (const f of predictWorksheet(id, knobs, 100, 1).frames) {
        if (!f.question) continue;
        const next = trace.frames[f.frame + 1]!;
        const together = new Set(trace.frames.filter((g) => g.sendMs === next.sendMs).map((g) => `${g.from}: ${frameWhat(g)}`));
        const wrong = f.question.choices.filter((_, i) => i !== f.question!.answer);
        expect(wrong.filter((c) => together.has(c)), `${id} after ${f.frameId}`).toEqual([]);
      }
    }
  });

  it('tags the choices that come from another variant of the connection with that variant', () => {
    let tagged = 0;
    for (const id of ['tcp-handshake', 'tls13', 'tls12', 'tcp-close']) {
      const knobs = knobsOf(id);
      for (const f of run({knobs, rttMs: 100, scenario: id}).frames) {
        const q = predictionAt(knobs, 100, f.id, 1);
        if (!q) continue;
        q.mistakes.forEach((m, i) => {
          if (m === null || !m.startsWith('that is what happens ')) return;
          tagged++;
          expect(i, `${id} after ${f.id}`).not.toBe(q.answer);
        });
      }
    }
    expect(tagged).toBeGreaterThan(0);
  });

  it("offers what another variant sends at that point: after TLS 1.3's SYN-ACK, a server flight", () => {
    // After the SYN-ACK of a TFO connection that carried the request in its SYN, the plain
    // handshake's client would now send its ACK; the choices include what the variants do.
    const knobs = knobsOf('tls13');
    const sheet = predictWorksheet('tls13', knobs, 100, 1);
    const afterSynAck = sheet.frames.find((f) => f.frameId === 'syn-ack')!.question!;
    expect(afterSynAck.choices.some((c) => /ServerHello/.test(c))).toBe(true); // TLS over TFO: the server's flight comes right after
  });

  it('predict --json prints it, with the scenario, its --set and the seed; a bad scenario is one sentence', async () => {
    const result = await hsTutor(['predict', 'tls13', '--set', 'tfo=cookie', '--seed', '4', '--json']);
    expect(result.status).toBe(0);
    const sheet = JSON.parse(result.stdout);
    expect(sheet).toMatchObject({schemaVersion: 1, scenario: 'tls13', set: {tfo: 'cookie'}, rttMs: 100, seed: 4});
    expect(sheet.frames[0].question).toMatchObject({prompt: expect.stringContaining('which frame goes on the wire next'), answer: expect.any(Number)});
    const bad = await hsTutor(['predict', 'tls14', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^hs-tutor: Unknown scenario 'tls14'; did you mean 'tls13'\?\n$/);
    expect((await hsTutor(['lesson', 'tls13', '--predict', '--presenter'])).status).toBe(2);
  });
});

/** Answers the pending prediction with choice `i` (0-based) or the right one. */
function predictNext(player: PlayerState, right: boolean): PlayerState {
  const pending = pendingPrediction(player)!;
  const choice = right ? pending.question.answer : (pending.question.answer + 1) % pending.question.choices.length;
  return updatePlayer(player, 'pick', String(choice + 1));
}

describe('predict mode in the player', () => {
  it('asks before each frame; a prediction shows the frame it was about, opening with the verdict; streaks count', () => {
    let p: PlayerState = {...openLesson(scenario('tcp-handshake')), predict: startPredicting(1)};
    expect(frameTexts(p, false)[0]).toMatch(/^\? What happens next\? After the client's "SYN" \(frame 1\)/);
    // → first points at the question, a second → moves on without predicting.
    p = updatePlayer(p, 'next');
    expect(p.frame).toBe(0);
    expect(frameTexts(p, false)[0]).toMatch(/^Predict first: press 1–4/);
    p = {...openLesson(scenario('tcp-handshake')), predict: startPredicting(1)};
    p = predictNext(p, true);
    expect(p.frame).toBe(1);
    expect(frameTexts(p, false)[0]).toBe('✓ You predicted it: server: SYN+ACK. Streak 1.');
    p = predictNext(p, false);
    expect(frameTexts(p, false)[0]).toMatch(/^✗ You said .*; it was client: ACK\. Next is the client's ACK/);
    expect(p.predict).toMatchObject({streak: 0, best: 1});
    // Autoplay runs on through frames with nothing to predict and waits at the next prediction.
    expect(pendingPrediction(p)).toBeUndefined(); // the ACK: the request leaves with it
    p = tick(tick({...p, autoplay: true}));
    expect(p.trace.frames[p.frame]!.id).toBe('request');
    expect(p.autoplay).toBe(false);
  });

  it('the end of the run says how it went; progress keeps the run once and the misses for review', () => {
    const progress = memoryProgress(() => new Date('2026-12-03T12:00:00Z'));
    const runs: unknown[] = [];
    progress.recordPredictionRun = (r) => void runs.push(r);
    let p: PlayerState = {...openLesson(scenario('tcp-handshake')), predict: startPredicting(1)};
    let previous: PlayerState = p;
    let right = true;
    for (let guard = 0; guard < 50 && p.overlay !== 'complete'; guard++) {
      p = pendingPrediction(p) ? predictNext(p, (right = !right)) : updatePlayer(p, 'next');
      recordPredictions(progress, previous, p);
      previous = p;
    }
    expect(p.overlay).toBe('complete');
    const summary = completionOf(p).predictions!;
    expect(summary.asked).toBeGreaterThan(2);
    expect(summary.correct + summary.missed.length).toBe(summary.asked);
    const text = completionLines(p, completionOf(p), undefined, 200).map((l) => l.text).join('\n');
    expect(text).toContain(`Predictions: ${summary.correct} of ${summary.asked} right`);
    expect(text).toMatch(/• after frame 1: you said .*; it was server: SYN\+ACK\./);
    // Back and → again: the run is not kept twice.
    recordPredictions(progress, p, updatePlayer(updatePlayer(p, 'previous'), 'next'));
    expect(runs).toEqual([{lesson: null, scenario: 'tcp-handshake', set: {}, rttMs: 100, asked: summary.asked, correct: summary.correct, bestStreak: summary.best, missed: summary.missed.map((m) => m.frameId)}]);
    // Each miss comes back in review (a right first answer is not scheduled).
    const deck = Object.keys(progress.reviewDeck().review).sort();
    expect(deck).toEqual(summary.missed.map((m) => m.key).sort());
    expect(deck).toContain('nextFrame?frame=syn');
  });

  it('w turns it on in any lesson; a checkpoint at a frame is asked before the prediction', () => {
    const lessons = loadCurriculum({env: {}}).lessons.map(tutorLesson);
    let p = updatePlayer(openLesson(lessons.find((l) => l.id === 'tcp-handshake')!), 'predict');
    expect(frameTexts(p, false)[0]).toMatch(/^\? What state is the server in/);
    p = updatePlayer(p, 'pick', '3');
    expect(frameTexts(p, false).join('\n')).toMatch(/\? What happens next\?/);
    expect(updatePlayer(p, 'predict').predict).toBeUndefined();
  });

  it('hs-tutor predict: the scenario alone, q leaves the program', async () => {
    const lesson = scenario('tls13');
    const state = initialState([lesson], {lessonId: lesson.id, predict: 2});
    expect(state.player!.predict).toBeDefined();
    expect(reduce(state, {type: 'key', action: 'back'}).quit).toBe(true);
    const ui = await renderTui(<App lessons={[lesson]} progress={memoryProgress()} lessonId={lesson.id} predict={2} />);
    expect(ui.screen()).toContain('? What happens next?');
  });
});
