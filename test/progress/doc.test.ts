import {describe, expect, it} from 'vitest';
import {
  emptyProgress,
  MIGRATIONS,
  migrate,
  parseProgressText,
  ProgressFormatError,
  SCHEMA_VERSION,
  toProgress,
} from '../../src/progress/index.js';
import {NewerVersionError} from '../../src/progress/doc.js';

const T = '2026-11-27T10:00:00.000Z';

const full = {
  schemaVersion: 4,
  lessons: {tls13: {status: 'in-progress', part: 0, frame: 3, frameId: 'client-hello', updatedAt: T, checkpoints: [{id: '0:syn:0', frame: 0, firstTry: 'wrong', attempts: 1}]}},
  quiz: {history: [{at: T, mode: 'interview', asked: 10, correct: 7, topics: {tls13: [3, 4]}}]},
  review: {'requestSentRtt?tls=1.3': {box: 2, due: T, at: T}},
  misconceptions: {'handshake-is-request-time': 2},
  predictions: [{at: T, lesson: null, scenario: 'tls13', set: {tfo: 'cookie'}, rttMs: 100, asked: 6, correct: 4, bestStreak: 3, missed: ['syn', 'client-hello']}],
  settings: {counting: 'server'},
};

/** A version-1 document as hs-tutor 0.1 wrote it: no checkpoints, no misconceptions. */
const v1 = {
  schemaVersion: 1,
  lessons: {tls13: {status: 'completed', part: 1, frame: 8, frameId: 'response', updatedAt: T}},
  quiz: {history: [{at: T, mode: 'quiz', asked: 2, correct: 1, topics: {tls13: [1, 2]}}]},
  review: {'requestSentRtt?tls=1.3': {box: 1, due: T, at: T}},
};

describe('progress document', () => {
  it('has one migration step per version before the current one', () => {
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION);
  });

  it('migrates a version-0 document (no schemaVersion) by adding the missing sections', () => {
    const v0 = {lessons: {tcp: {status: 'completed', part: 1, frame: 9, frameId: 'ack', updatedAt: T}}};
    const frozen = structuredClone(v0);
    const migrated = migrate(v0);
    expect(migrated).toEqual({lessons: {tcp: {...v0.lessons.tcp, checkpoints: []}}, schemaVersion: 4, quiz: {history: []}, review: {}, misconceptions: {}, predictions: [], settings: {counting: 'client'}});
    expect(v0).toEqual(frozen); // steps are pure
    expect(toProgress(v0).lessons.tcp?.status).toBe('completed');
  });

  it('migrates a version-1 document keeping every record, with no checkpoints and no misconceptions yet', () => {
    const frozen = structuredClone(v1);
    const doc = toProgress(v1);
    expect(v1).toEqual(frozen);
    expect(doc).toEqual({...v1, schemaVersion: 4, lessons: {tls13: {...v1.lessons.tls13, checkpoints: []}}, misconceptions: {}, predictions: [], settings: {counting: 'client'}});
  });

  it('migrates a version-2 document keeping every record, with no prediction runs yet', () => {
    const {predictions: _none, settings: _unset, ...v2} = {...full, schemaVersion: 2};
    const frozen = structuredClone(v2);
    expect(toProgress(v2)).toEqual({...full, predictions: [], settings: {counting: 'client'}});
    expect(v2).toEqual(frozen);
  });

  it('migrates a version-3 document to the default settings, and refuses a counting it does not know', () => {
    const {settings: _unset, ...v3} = {...full, schemaVersion: 3};
    expect(toProgress(v3).settings).toEqual({counting: 'client'});
    expect(() => toProgress({...full, settings: {counting: 'both'}})).toThrow(/settings\.counting/);
  });

  it('takes the misconceptions back from the list progress --json and --export give', () => {
    const listed = {...full, misconceptions: [{id: 'psk-is-0rtt', text: '…', count: 2, lesson: 'tls13-resumption', frame: 3}]};
    expect(toProgress(listed).misconceptions).toEqual({'psk-is-0rtt': 2});
  });

  it('leaves a current document as it is', () => {
    expect(migrate(full)).toBe(full);
    expect(toProgress(full)).toEqual(full);
  });

  it('refuses a document from a newer version instead of guessing', () => {
    expect(() => migrate({schemaVersion: SCHEMA_VERSION + 1})).toThrow(NewerVersionError);
  });

  it('keeps only the known fields, fills optional ones', () => {
    const doc = toProgress({...full, extra: 1, lessons: {a: {status: 'not-started', updatedAt: T}}});
    expect(doc).toEqual({...full, lessons: {a: {status: 'not-started', part: 0, frame: 0, frameId: null, updatedAt: T, checkpoints: []}}});
  });

  it.each([
    ['', 'it is empty'],
    ['{"schemaVersion": 1, "lessons": {', 'it is not valid JSON'],
    ['[]', 'it is not a JSON object'],
    ['{"schemaVersion": "one"}', 'schemaVersion'],
    ['{"schemaVersion": 2, "lessons": [], "quiz": {"history": []}, "review": {}, "misconceptions": {}}', '"lessons"'],
    [JSON.stringify({...full, lessons: {x: {status: 'skimmed', updatedAt: T, checkpoints: [{id: 'a', frame: 0, firstTry: 'maybe', attempts: 1}]}}}), 'lessons.x.checkpoints[0].firstTry'],
    [JSON.stringify({...full, misconceptions: {x: -1}}), 'misconceptions.x'],
    [JSON.stringify({...full, misconceptions: [{id: 'x', count: 'many'}]}), 'misconceptions[0].count'],
    [JSON.stringify({...full, predictions: [{...full.predictions[0], asked: -2}]}), 'predictions[0].asked'],
    [JSON.stringify({...full, predictions: [{...full.predictions[0], missed: [3]}]}), 'predictions[0].missed[0]'],
    [JSON.stringify({...full, lessons: {x: {status: 'done', updatedAt: T}}}), 'lessons.x.status'],
    [JSON.stringify({...full, quiz: {history: [{at: 'yesterday', mode: 'quiz', asked: 1, correct: 1}]}}), 'quiz.history[0].at'],
    [JSON.stringify({...full, review: {k: {box: 0, due: T}}}), 'review.k.box'],
  ])('says why %j is not a progress document', (text, reason) => {
    expect(() => parseProgressText(text)).toThrow(ProgressFormatError);
    expect(() => parseProgressText(text)).toThrow(reason);
  });

  it('an empty document round-trips', () => {
    expect(parseProgressText(JSON.stringify(emptyProgress()))).toEqual(emptyProgress());
  });
});
