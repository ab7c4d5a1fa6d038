// The clock the commands use. HS_TUTOR_NOW (an ISO date and time) moves it, so tests and demos
// can be "the next day": the clock starts at HS_TUTOR_NOW and runs from there. Only the CLI
// reads the variable; quiz/ and progress/ take the clock as a parameter.
import {UsageError} from '../engine/errors.js';

export function cliClock(env: NodeJS.ProcessEnv = process.env): () => Date {
  const raw = env.HS_TUTOR_NOW ?? '';
  if (raw === '') return () => new Date();
  const start = Date.parse(raw);
  if (Number.isNaN(start)) {
    throw new UsageError(`HS_TUTOR_NOW must be a date and time such as 2026-11-28T09:00:00Z, not '${raw}'.`);
  }
  const began = Date.now();
  return () => new Date(start + (Date.now() - began));
}
