// The text of `hs-tutor --help`.
import {describeKnobs} from '../engine/knobs.js';
import {BINDINGS} from '../ui/app/bindings.js';
import {bindingsFor, keyLabel} from '../ui/common/keys.js';
import {COMMANDS} from './commands.js';
import {RTT_MS, SEED} from '../engine/run-options.js';
import type {PackageInfo} from './package-info.js';
import {padEnd, wrap} from '../render/text.js';

// Help is read in terminals of any size and pasted into handouts, so it keeps to 80 columns.
const WIDTH = 80;

export function helpText(info: PackageInfo): string {
  const indented = (text: string, indent: number) => wrap(' '.repeat(indent) + text, WIDTH, indent);
  const lines = [
    `hs-tutor ${info.version}`,
    ...wrap(info.description, WIDTH),
    '',
    'Usage: hs-tutor [<command>] [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((command) => [
      ...wrap(`  hs-tutor ${command.usage}`.trimEnd(), WIDTH, 11),
      ...indented(`${command.summary}${command.run === undefined ? ' (not built yet)' : ''}`, 6),
    ]),
    '',
    'Options:',
    ...option('--rtt <ms>', `round-trip time, ${RTT_MS.min} to ${RTT_MS.max} (default ${RTT_MS.default})`),
    ...option('--seed <s>', `show, export: seed for sequence numbers and randoms, ${SEED.min} or more (default ${SEED.default}); quiz, predict, lesson --predict: the order of questions and choices`),
    ...option('--set <knob>=<value>', 'change one knob of the scenario; repeat it for more'),
    ...option('--json', 'print JSON instead of text'),
    ...option('--predict', 'lesson: before each frame, say what goes on the wire next'),
    ...option('--practise <id>', "quiz: 5 questions on one misconception ('hs-tutor progress' names yours)"),
    ...option('--keylog <file>', 'export, show: also write the session keys (NSS key log) so Wireshark decrypts the TLS and QUIC'),
    ...option('--lessons <dir>', 'add a folder of lesson files; repeatable'),
    ...option('--no-color', 'no colour (NO_COLOR=1 does the same)'),
    ...option('--screen-reader', 'the tutor as plain sentences for a screen reader, no drawing (INK_SCREEN_READER=true does the same)'),
    ...option('-h, --help', 'this help'),
    ...option('-v, --version', 'the version'),
    '',
    "Knobs (scenarios are named knob sets: 'hs-tutor list' shows them):",
    ...describeKnobs().flatMap((knob) => [
      ...wrap(`  ${padEnd(knob.name, 14)}${knob.values}  (default ${knob.default})`, WIDTH, 16),
      ...indented(knob.appliesTo === '' ? knob.description : `${knob.description}; applies to ${knob.appliesTo}`, 16),
    ]),
    '',
    'Keys in the tutor (? there lists them all):',
    ...wrap(
      `  ${bindingsFor(BINDINGS, 'player')
        .filter((b) => !b.barHidden)
        .map((b) => `${b.keys.map(keyLabel).join(' ')} ${b.label}`)
        .join(' · ')} · ctrl+c quit`,
      WIDTH,
      2,
    ),
    '',
    'Examples:',
    '  hs-tutor lesson tls13',
    '  hs-tutor quiz --interview',
    '  hs-tutor predict tls13 --set tfo=cookie',
    '  hs-tutor quiz --practise time-wait-on-server',
    '  hs-tutor show tfo-tls13-0rtt --rtt 80',
    '  hs-tutor show tls13 --set hrr=on --json',
    '  hs-tutor export tls13 --pcap tls13.pcap --keylog tls13.keys',
    '  tshark -r tls13.pcap -o tls.keylog_file:tls13.keys',
    '  hs-tutor list',
    '',
    'Exit codes: 0 success; 1 the command ran and found a failure; 2 usage error',
    '(unknown name, invalid knobs, interactive command without a terminal).',
  ];
  return `${lines.join('\n')}\n`;
}

function option(flags: string, text: string): string[] {
  return wrap(`  ${padEnd(flags, 24)}${text}`, WIDTH, 26);
}
