// What this frame means: the lesson's words for it, then the engine's notes (why it was sent).
import {Box, Text} from 'ink';
import {wrap} from '../../render/text.js';

/** The texts wrapped to the width, each line of a text (its paragraphs and bullets) on its own. */
export function wrappedLines(texts: string[], width: number): string[] {
  return texts.flatMap((text) => text.split('\n')).flatMap((line) => wrap(line, width, line.startsWith('• ') ? 2 : 0));
}

export function narrationLines(texts: string[], width: number, height: number): string[] {
  const lines = wrappedLines(texts, width);
  if (lines.length <= height) return lines;
  const kept = lines.slice(0, Math.max(0, height));
  if (kept.length > 0) kept[kept.length - 1] = `${kept[kept.length - 1]!.slice(0, Math.max(0, width - 1))}…`;
  return kept;
}

export function Narration({texts, width, height}: {texts: string[]; width: number; height: number}) {
  const lines = narrationLines(texts, width, height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}
