import {describe, expect, it} from 'vitest';
import {applyOutcomes, dueAfter, dueQuestions, nextDue, REVIEW_BOXES, type ReviewDeck, scheduleAnswer} from '../../src/quiz/index.js';

const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 10, 27 + n, hour));

describe('Leitner review', () => {
  it('a missed question enters box 1 and is due the next day (with a few hours of slack)', () => {
    const entry = scheduleAnswer(undefined, false, day(0))!;
    expect(entry).toEqual({box: 1, due: '2026-11-28T04:00:00.000Z', at: '2026-11-27T10:00:00.000Z'});
    const deck = {q: entry};
    expect(dueQuestions({review: deck}, day(0, 23))).toEqual([]);
    expect(dueQuestions({review: deck}, day(1, 9))).toEqual(['q']);
  });

  it('a right answer outside the deck leaves it out; inside, moves up one box, up to the last', () => {
    expect(scheduleAnswer(undefined, true, day(0))).toBeUndefined();
    let entry = scheduleAnswer(undefined, false, day(0))!;
    const boxes: number[] = [];
    for (let i = 0; i < REVIEW_BOXES + 1; i++) {
      entry = scheduleAnswer(entry, true, day(i))!;
      boxes.push(entry.box);
    }
    expect(boxes).toEqual([2, 3, 4, 5, 5, 5]);
    expect(Date.parse(scheduleAnswer({box: 2, due: ''}, true, day(0))!.due)).toBe(dueAfter(3, day(0)).getTime());
    expect(scheduleAnswer({box: 4, due: ''}, false, day(0))!.box).toBe(1);
  });

  it('intervals grow: 1, 2, 4, 8, 16 days', () => {
    const days = [1, 2, 3, 4, 5].map((box) => (dueAfter(box, day(0)).getTime() - day(0).getTime() + 6 * 3600_000) / 86_400_000);
    expect(days).toEqual([1, 2, 4, 8, 16]);
  });

  it('due questions come longest overdue first; nextDue says when to come back', () => {
    const deck: ReviewDeck = {b: {box: 1, due: day(1).toISOString()}, a: {box: 2, due: day(1).toISOString()}, c: {box: 1, due: day(0).toISOString()}, d: {box: 3, due: day(5).toISOString()}};
    expect(dueQuestions({review: deck}, day(2))).toEqual(['c', 'a', 'b']);
    expect(nextDue({review: deck}, day(2))).toEqual(day(5));
    expect(nextDue({review: {}}, day(2))).toBeNull();
  });

  it('applyOutcomes applies answers in order, without changing the deck it was given', () => {
    const deck: ReviewDeck = {known: {box: 2, due: day(0).toISOString()}};
    const copy = structuredClone(deck);
    const next = applyOutcomes(deck, [{key: 'new', correct: false}, {key: 'known', correct: true}, {key: 'fine', correct: true}], day(0));
    expect(Object.keys(next).sort()).toEqual(['known', 'new']);
    expect(next.known!.box).toBe(3);
    expect(deck).toEqual(copy);
  });
});
