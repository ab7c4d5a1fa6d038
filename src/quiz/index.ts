// The quiz's public API: what the TUI, the CLI and the curriculum call. No Ink, no fs.
export {describeSetup} from './describe.js';
export {checkAnswer, checkChoice, matchChoice, meaningOf, parseResponse, sameMeaning} from './grade.js';
export {lessonQuestionKey, MEASURES, parseLessonKey, parseSpecKey, type QuestionSpec, specKey} from './keys.js';
export {
  buildQuestion,
  type FromKeyOptions,
  type ForKnobsOptions,
  lessonQuestion,
  type LessonQuestionInput,
  linkFor,
  questionFromKey,
  questionsForKnobs,
} from './question.js';
export {
  applyOutcomes,
  BOX_INTERVAL_DAYS,
  dueAfter,
  dueQuestions,
  nextDue,
  REVIEW_BOXES,
  REVIEW_SLACK_MS,
  type ReviewDeck,
  type ReviewEntry,
  type ReviewOutcome,
  scheduleAnswer,
} from './review.js';
export {
  answerQuestion,
  currentQuestion,
  type Feedback,
  INTERVIEW_MS_PER_QUESTION,
  type InterviewOptions,
  remainingMs,
  type Session,
  type SessionAnswer,
  sessionRecord,
  sessionResult,
  type SessionResult,
  startInterview,
  startQuiz,
  startPractice,
  startReview,
  startSession,
  type StartOptions,
  stopSession,
  tick,
} from './session.js';
export {findTopic, TOPIC_IDS, TOPICS} from './topics.js';
export {DEFAULT_COUNT, generateQuiz, practiceQuiz, type QuizRequest, worksheet} from './worksheet.js';
export {findMisconception, MISCONCEPTIONS, misconceptionProfile, type Misconception, type ProfileEntry} from './misconceptions.js';
export type {AnswerValue, FrameValue, Measure, Question, QuestionLink, QuestionSource, QuizHistoryEntry, QuizMode, Topic} from './types.js';
export {checkpointQuestions, topicOfKnobs} from './lesson-questions.js';
