// What this frame means: the lesson's words for it, then the engine's notes (why it was sent).
import {Box, Text} from 'ink';
import {wrap} from '../../render/text.js';

export function narrationLines(texts: string[], width: number, height: number): string[] {
  const lines = texts.flatMap((text) => wrap(text, width));
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
