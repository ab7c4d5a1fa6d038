import {describe, expect, it} from 'vitest';
import {emptyProgress, mergeProgress, type ProgressDoc} from '../../src/progress/index.js';

const at = (hour: number) => `2026-11-27T${String(hour).padStart(2, '0')}:00:00.000Z`;

function doc(parts: Partial<ProgressDoc>): ProgressDoc {
  return {...emptyProgress(), ...parts};
}

describe('mergeProgress (import)', () => {
  it('never drops a completed lesson, and the later position wins', () => {
    const ours = doc({lessons: {tls13: {status: 'completed', part: 0, frame: 12, frameId: 'response', updatedAt: at(9), checkpoints: []}}});
    const theirs = doc({lessons: {tls13: {status: 'in-progress', part: 1, frame: 2, frameId: 'syn-ack', updatedAt: at(11), checkpoints: []}}});
    expect(mergeProgress(ours, theirs).lessons.tls13).toEqual({status: 'completed', part: 1, frame: 2, frameId: 'syn-ack', updatedAt: at(11), checkpoints: []});
    expect(mergeProgress(theirs, ours).lessons.tls13).toEqual({status: 'completed', part: 1, frame: 2, frameId: 'syn-ack', updatedAt: at(11), checkpoints: []});
  });

  it('keeps lessons that only one side has', () => {
    const ours = doc({lessons: {a: {status: 'in-progress', part: 0, frame: 1, frameId: null, updatedAt: at(1), checkpoints: []}}});
    const theirs = doc({lessons: {b: {status: 'completed', part: 0, frame: 1, frameId: null, updatedAt: at(1), checkpoints: []}}});
    expect(Object.keys(mergeProgress(ours, theirs).lessons).sort()).toEqual(['a', 'b']);
  });

  it('unites quiz history in time order, keeping a session present in both once', () => {
    const s = (hour: number, correct: number) => ({at: at(hour), mode: 'quiz' as const, asked: 10, correct, topics: {tls13: [correct, 10] as [number, number]}});
    const ours = doc({quiz: {history: [s(1, 5), s(3, 7)]}});
    const theirs = doc({quiz: {history: [s(2, 6), s(3, 7), s(4, 8)]}});
    const merged = mergeProgress(ours, theirs);
    expect(merged.quiz.history.map((e) => e.correct)).toEqual([5, 6, 7, 8]);
    // Importing the same file again changes nothing.
    expect(mergeProgress(merged, theirs)).toEqual(merged);
  });

  it('keeps the review entry answered last', () => {
    const ours = doc({review: {q1: {box: 3, due: at(20), at: at(8)}, q2: {box: 1, due: at(5), at: at(4)}}});
    const theirs = doc({review: {q1: {box: 1, due: at(12), at: at(9)}, q2: {box: 2, due: at(6), at: at(3)}, q3: {box: 1, due: at(1)}}});
    expect(mergeProgress(ours, theirs).review).toEqual({q1: {box: 1, due: at(12), at: at(9)}, q2: {box: 1, due: at(5), at: at(4)}, q3: {box: 1, due: at(1)}});
  });

  it('does not change its arguments', () => {
    const ours = doc({lessons: {a: {status: 'in-progress', part: 0, frame: 1, frameId: null, updatedAt: at(1), checkpoints: []}}});
    const copy = structuredClone(ours);
    mergeProgress(ours, doc({lessons: {a: {status: 'completed', part: 0, frame: 2, frameId: null, updatedAt: at(2), checkpoints: []}}}));
    expect(ours).toEqual(copy);
  });
});
