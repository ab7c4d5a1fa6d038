// The join screen, for a projector: the exact line students type, boxed, and the code in digits
// five rows tall so the back of the room can read it.
import {Box, Text} from 'ink';
import type {RosterCounts} from '../../class/index.js';
import {padEnd, wrap} from '../../render/text.js';

const DIGITS: Record<string, string[]> = {
  '0': ['███', '█ █', '█ █', '█ █', '███'],
  '1': [' █ ', '██ ', ' █ ', ' █ ', '███'],
  '2': ['███', '  █', '███', '█  ', '███'],
  '3': ['███', '  █', '███', '  █', '███'],
  '4': ['█ █', '█ █', '███', '  █', '  █'],
  '5': ['███', '█  ', '███', '  █', '███'],
  '6': ['███', '█  ', '███', '█ █', '███'],
  '7': ['███', '  █', '  █', '  █', '  █'],
  '8': ['███', '█ █', '███', '█ █', '███'],
  '9': ['███', '█ █', '███', '  █', '███'],
};

/**
 * The code in large digits, five rows, a wider gap between groups of four: each glyph doubled in
 * width where `width` columns allow, else single; none when even that does not fit.
 */
export function bigCode(code: string, width = Infinity): string[] {
  const render = (double: boolean) =>
    [0, 1, 2, 3, 4].map((row) =>
      [...code]
        .map((ch, i) => (i > 0 && i % 4 === 0 ? (double ? '    ' : '  ') : '') + (double ? (DIGITS[ch]?.[row] ?? '   ').replace(/./g, (c) => c + c) : (DIGITS[ch]?.[row] ?? '   ')))
        .join(double ? '  ' : ' '),
    );
  const fits = (rows: string[]) => 2 + [...rows[0]!].length <= width;
  const double = render(true);
  if (fits(double)) return double;
  const single = render(false);
  return fits(single) ? single : [];
}

export interface JoinBannerProps {
  /** `hs-tutor class join <address>:<port> --code <code>`. */
  line: string;
  code: string;
  /** The same line for the machine's other addresses. */
  others: string[];
  counts: RosterCounts;
  width: number;
  height: number;
}

export function JoinBanner({line, code, others, counts, width, height}: JoinBannerProps) {
  // The line students type is never cut: in a narrow window it wraps inside its box.
  const inside = wrap(line, Math.max(10, width - 6), 2);
  const inner = Math.min(width - 2, Math.max(...inside.map((l) => [...l].length)) + 4);
  const big = height >= 16 + inside.length ? bigCode(code, width) : [];
  const more = others.slice(0, 3).flatMap((other) => wrap(`or: ${other}`, width, 4));
  const status = wrap(`${counts.connected} connected${counts.offline > 0 ? ` · ${counts.offline} offline` : ''}. Press enter to start the lesson; J shows this screen again.`, width);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Students, type this in a terminal to join:</Text>
      <Text> </Text>
      <Text bold>{`╔${'═'.repeat(inner)}╗`}</Text>
      {inside.map((text, i) => (
        <Text key={`l${i}`} bold>{`║${padEnd(`  ${text}`, inner)}║`}</Text>
      ))}
      <Text bold>{`╚${'═'.repeat(inner)}╝`}</Text>
      <Text> </Text>
      {big.length > 0 && <Text dimColor>join code</Text>}
      {big.map((row, i) => (
        <Text key={`d${i}`} bold>
          {`  ${row}`}
        </Text>
      ))}
      {big.length > 0 && <Text> </Text>}
      {more.map((text, i) => (
        <Text key={`o${i}`} dimColor>
          {text}
        </Text>
      ))}
      {status.map((text, i) => (
        <Text key={`s${i}`}>{text}</Text>
      ))}
    </Box>
  );
}
