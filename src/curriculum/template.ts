// Placeholders in lesson text: `{{query}}` is replaced by the figure the query names (see
// query.ts); `\{{` writes two literal braces. A placeholder never spans lines.
import {evaluate, formatValue, parseQuery, type QueryContext} from './query.js';

const TOKEN = /\\\{\{|\{\{([^{}\n]*)\}\}|\{\{/g;

/** What an unresolved placeholder shows in the player (the validator reports it). */
export const UNRESOLVED = '?';

export interface TemplateError {
  /** 0-based index of the line within the text. */
  lineOffset: number;
  message: string;
}

/** The text with every placeholder filled, and a sentence for each that could not be. */
export function fill(text: string, ctx: QueryContext): {text: string; errors: TemplateError[]} {
  const errors: TemplateError[] = [];
  const out = text.replace(TOKEN, (match: string, query: string | undefined, offset: number) => {
    if (match === '\\{{') return '{{';
    const lineOffset = countNewlines(text, offset);
    if (query === undefined) {
      errors.push({lineOffset, message: `'{{' opens a placeholder that is not closed on the same line; close it with '}}', or write '\\{{' for literal braces.`});
      return match;
    }
    const parsed = parseQuery(query);
    if (!parsed.ok) {
      errors.push({lineOffset, message: `placeholder '{{${query.trim()}}}': ${parsed.error}`});
      return UNRESOLVED;
    }
    const result = evaluate(parsed.value, ctx);
    if (!result.ok) {
      errors.push({lineOffset, message: `placeholder '{{${query.trim()}}}' does not resolve: ${result.error}`});
      return UNRESOLVED;
    }
    return formatValue(result.value.value);
  });
  return {text: out, errors};
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
