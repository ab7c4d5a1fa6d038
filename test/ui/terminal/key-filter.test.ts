// The keys the screens are given: whatever a terminal sends, at any speed and cut anywhere, only
// named keys come out, and pastes, mouse and focus reports do not.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {KeyFilter} from '../../../src/ui/terminal/key-filter.js';

/** Every name the filter may give: a named key, a Ctrl+letter, or one printable character. */
const NAMED = /^(up|down|left|right|home|end|pageup|pagedown|insert|delete|shift\+tab|enter|tab|backspace|escape|space|ctrl\+[a-y]|[^\x00-\x20\x7f-\x9f])$/u;

function filterAll(chunks: readonly string[]): {keys: string[]; suspends: number} {
  const filter = new KeyFilter();
  const keys: string[] = [];
  let suspends = 0;
  for (const chunk of chunks) {
    const out = filter.push(chunk);
    keys.push(...out.keys);
    suspends += out.suspend ? 1 : 0;
  }
  keys.push(...filter.flush().keys);
  return {keys, suspends};
}

/** Sequences terminals send, known and unknown; among them the ones that crash Ink 6.8 (ink#901). */
const SEQUENCES = [
  '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1bOA', '\x1b[1;5C', '\x1b[1;2D', '\x1b[5~', '\x1b[6~', '\x1b[H', '\x1b[F', '\x1b[1~', '\x1b[4~',
  '\x1b[29;5~', '\x1b[1;5P', '\x1b[1;5Q', '\x1b[15;5~', '\x1b[17;6~', '\x1bOP', '\x1b[1;2Z', '\x1b[99;7u', '\x1b[57442u',
  '\x1b[I', '\x1b[O', '\x1b[<0;10;10M', '\x1b[<0;10;10m', '\x1b[M !!', '\x1b[200~pasted text\r\nq\x1b[201~', '\x1b[?1;2c',
  '\x1b]11;rgb:0000/0000/0000\x07', '\x1bP1$r0m\x1b\\', '\x1b[8;24;80t', '\x1b[[A', '\x1b', '\x1b\x1b', '\x1bq', '\x00', '\x1c', '\x7f', '\u0085', '\x1a',
  'q', 'j', ' ', '\r', '\t', '\x03', '日本', '😀',
];

describe('the key filter', () => {
  it('names the keys the tutor uses, whatever spelling the terminal sends', () => {
    expect(filterAll(['\x1b[A\x1bOB\x1b[1;5C\x1b[1;2D']).keys).toEqual(['up', 'down', 'right', 'left']);
    expect(filterAll(['\x1b[1~\x1b[7~\x1b[4~\x1b[8~\x1bOH\x1b[5~\x1b[6~']).keys).toEqual(['home', 'home', 'end', 'end', 'home', 'pageup', 'pagedown']);
    expect(filterAll(['jk\rq \t\x7f\x03']).keys).toEqual(['j', 'k', 'enter', 'q', 'space', 'tab', 'backspace', 'ctrl+c']);
  });

  it('an Escape followed at once by another key is two keys (Ink would merge them into one)', () => {
    expect(filterAll(['\x1b\x1b[C']).keys).toEqual(['escape', 'right']);
    expect(filterAll(['\x1b\x1b']).keys).toEqual(['escape', 'escape']);
  });

  it('drops what crashes Ink 6.8 (unknown Ctrl-modified keys) and what no key means: reports, mouse, focus', () => {
    for (const sequence of ['\x1b[29;5~', '\x1b[1;5P', '\x1b[15;5~', '\x1b[I', '\x1b[O', '\x1b[<0;10;10M', '\x1b[M !!', '\x1b[?1;2c', '\x1b]11;rgb:0/0/0\x07', '\x1bP1$r0m\x1b\\', '\x1b[99;7u']) {
      expect(filterAll([sequence]).keys, JSON.stringify(sequence)).toEqual([]);
    }
  });

  it('drops a bracketed paste whole, even when it arrives in pieces', () => {
    expect(filterAll(['j\x1b[200~q q', 'q\x1b[20', '1~k']).keys).toEqual(['j', 'k']);
  });

  it('completes a sequence cut between reads, and a lone Escape after a pause is the Escape key', () => {
    expect(filterAll(['\x1b[', '1;5', 'A']).keys).toEqual(['up']);
    expect(filterAll(['\x1b']).keys).toEqual(['escape']);
  });

  it('Ctrl+Z asks to suspend instead of reaching the screen', () => {
    expect(filterAll(['a\x1ab'])).toEqual({keys: ['a', 'b'], suspends: 1});
  });

  it('gives only named keys for any bytes, cut anywhere', () => {
    const input = fc.array(fc.oneof(fc.constantFrom(...SEQUENCES), fc.string({unit: 'binary', maxLength: 8})), {maxLength: 30});
    fc.assert(
      fc.property(input, fc.array(fc.nat(40), {maxLength: 6}), (pieces, cuts) => {
        const text = pieces.join('');
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length].slice(1).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
        const {keys} = filterAll(chunks);
        for (const key of keys) expect(key).toMatch(NAMED);
        expect(keys.join('')).not.toContain('pasted');
      }),
      {numRuns: 500},
    );
  });
});
