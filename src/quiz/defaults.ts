// Quiz constants with no imports, so the home screen's words (painted before anything else loads)
// can state them without pulling in the quiz generator.

/** Questions in a quiz or a drill when --count is not given. */
export const DEFAULT_COUNT = 10;

/** Questions in a practice quiz on one misconception ("practise this"). */
export const PRACTICE_COUNT = 5;
