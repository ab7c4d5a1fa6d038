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
  schemaVersion: 1,
  lessons: {tls13: {status: 'in-progress', part: 0, frame: 3, frameId: 'client-hello', updatedAt: T}},
  quiz: {history: [{at: T, mode: 'interview', asked: 10, correct: 7, topics: {tls13: [3, 4]}}]},
  review: {'requestSentRtt?tls=1.3': {box: 2, due: T, at: T}},
};

describe('progress document', () => {
  it('has one migration step per version before the current one', () => {
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION);
  });

  it('migrates a version-0 document (no schemaVersion) by adding the missing sections', () => {
    const v0 = {lessons: {tcp: {status: 'completed', part: 1, frame: 9, frameId: 'ack', updatedAt: T}}};
    const frozen = structuredClone(v0);
    const migrated = migrate(v0);
    expect(migrated).toEqual({...v0, schemaVersion: 1, quiz: {history: []}, review: {}});
    expect(v0).toEqual(frozen); // steps are pure
    expect(toProgress(v0).lessons.tcp?.status).toBe('completed');
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
    expect(doc).toEqual({...full, lessons: {a: {status: 'not-started', part: 0, frame: 0, frameId: null, updatedAt: T}}});
  });

  it.each([
    ['', 'it is empty'],
    ['{"schemaVersion": 1, "lessons": {', 'it is not valid JSON'],
    ['[]', 'it is not a JSON object'],
    ['{"schemaVersion": "one"}', 'schemaVersion'],
    ['{"schemaVersion": 1, "lessons": [], "quiz": {"history": []}, "review": {}}', '"lessons"'],
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
