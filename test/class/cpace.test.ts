// CPace (draft-irtf-cfrg-cpace), checked against the draft's own test vectors: "Test vector for
// CPace using group X25519 and hash SHA-512" and "Test vectors for G_X25519.scalar_mult_vfy: low
// order points" (testvectors.md of github.com/cfrg/draft-irtf-cfrg-cpace), pasted as printed.
import {describe, expect, it} from 'vitest';
import {calculateGenerator, cpaceIsk, cpaceShare, CpaceAbort, generatorString, lvCat, prependLen, scalarMultVfy, transcriptIr} from '../../src/class/cpace.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('CPace string utilities (draft Appendix A)', () => {
  it('prepend_len and lv_cat', () => {
    expect(toHex(prependLen(new Uint8Array(0)))).toBe('00');
    expect(toHex(prependLen(ascii('1234')))).toBe('0431323334');
    expect(toHex(prependLen(Uint8Array.from({length: 128}, (_, i) => i))).slice(0, 6)).toBe('800100');
    expect(toHex(lvCat(ascii('1234'), ascii('5'), new Uint8Array(0), ascii('678')))).toBe('043132333401350003363738');
    expect(toHex(transcriptIr(ascii('123'), ascii('PartyA'), ascii('234'), ascii('PartyB')))).toBe('03313233065061727479410332333406506172747942');
  });
});

describe('CPace with X25519 and SHA-512 (the draft\'s test vector)', () => {
  const PRS = ascii('Password');
  const CI = hex('6f630b425f726573706f6e6465720b415f696e69746961746f72');
  const sid = hex('7e4b4791d6a8ef019b936c79fb7f2c57');
  const ya = hex('21b4f4bd9e64ed355c3eb676a28ebedaf6d8f17bdc365995b3190971 53044080');
  const yb = hex('848b0779ff415f0af4ea14df9dd1d3c29ac41d836c7808896c4eba19 c51ac40a');
  const ADa = ascii('ADa');
  const ADb = ascii('ADb');

  it('generator_string and the generator g (Elligator 2 on the hashed string)', () => {
    expect(toHex(generatorString(PRS, CI, sid))).toBe(
      '0843506163653235350850617373776f72646d' + '00'.repeat(109) + '1a6f630b425f726573706f6e6465720b415f696e69746961746f72107e4b4791d6a8ef019b936c79fb7f2c57',
    );
    expect(toHex(calculateGenerator(PRS, CI, sid))).toBe('64e8099e3ea682cfdc5cb665c057ebb514d06bf23ebc9f743b51b82242327074');
  });

  it('the two shares, the common K and the ISK of the initiator-responder mode', () => {
    const g = calculateGenerator(PRS, CI, sid);
    const Ya = cpaceShare(ya, g);
    const Yb = cpaceShare(yb, g);
    expect(toHex(Ya)).toBe('1b02dad6dbd29a07b6d28c9e04cb2f184f0734350e32bb7e62ff9dbcfdb63d15');
    expect(toHex(Yb)).toBe('20cda5955f82c4931545bcbf40758ce1010d7db4db2a907013d79c7a8fcf957f');
    expect(toHex(scalarMultVfy(ya, Yb))).toBe('f97fdfcfff1c983ed6283856a401de3191ca919902b323c5f950c9703df7297a');
    expect(toHex(scalarMultVfy(yb, Ya))).toBe('f97fdfcfff1c983ed6283856a401de3191ca919902b323c5f950c9703df7297a');
    const initiator = {share: Ya, ad: ADa};
    const responder = {share: Yb, ad: ADb};
    const isk = 'a051ee5ee2499d16da3f69f430218b8ea94a18a45b67f9e86495b382c33d14a5c38cecc0cc834f960e39e0d1bf7d76b9ef5d54eecc5e0f386c97ad12da8c3d5f';
    expect(toHex(cpaceIsk({scalar: ya, peerShare: Yb, sid, initiator, responder}))).toBe(isk);
    expect(toHex(cpaceIsk({scalar: yb, peerShare: Ya, sid, initiator, responder}))).toBe(isk);
  });

  it('another password gives another generator, so shares made with it agree on nothing', () => {
    const g = calculateGenerator(ascii('Passwort'), CI, sid);
    const right = calculateGenerator(PRS, CI, sid);
    const initiator = {share: cpaceShare(ya, g), ad: ADa};
    const responder = {share: cpaceShare(yb, right), ad: ADb};
    expect(toHex(cpaceIsk({scalar: ya, peerShare: responder.share, sid, initiator, responder}))).not.toBe(toHex(cpaceIsk({scalar: yb, peerShare: initiator.share, sid, initiator, responder})));
  });
});

describe('G_X25519.scalar_mult_vfy on low-order points (the draft\'s vectors)', () => {
  const s = hex('af46e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449aff');
  const cases: [string, string][] = [
    ['0000000000000000000000000000000000000000000000000000000000000000', '00'.repeat(32)],
    ['0100000000000000000000000000000000000000000000000000000000000000', '00'.repeat(32)],
    ['ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', '00'.repeat(32)],
    ['e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', '00'.repeat(32)],
    ['5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157', '00'.repeat(32)],
    ['edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', '00'.repeat(32)],
    ['daffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'd8e2c776bbacd510d09fd9278b7edcd25fc5ae9adfba3b6e040e8d3b71b21806'],
    ['eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', '00'.repeat(32)],
    ['dbffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'c85c655ebe8be44ba9c0ffde69f2fe10194458d137f09bbff725ce58803cdb38'],
    ['d9ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'db64dafa9b8fdd136914e61461935fe92aa372cb056314e1231bc4ec12417456'],
    ['cdeb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880', 'e062dcd5376d58297be2618c7498f55baa07d7e03184e8aada20bca28888bf7a'],
    ['4c9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7', '993c6ad11c4c29da9a56f7691fd0ff8d732e49de6250b6c2e80003ff4629a175'],
  ];

  it.each(cases)('u = %s gives q = %s', (u, q) => {
    expect(toHex(scalarMultVfy(s, hex(u)))).toBe(q);
  });

  it('a low-order share aborts the session instead of giving a key', () => {
    const sid = hex('7e4b4791d6a8ef019b936c79fb7f2c57');
    const lowOrder = hex(cases[3]![0]);
    const initiator = {share: lowOrder, ad: new Uint8Array(0)};
    const responder = {share: cpaceShare(s, calculateGenerator(ascii('x'), new Uint8Array(0), sid)), ad: new Uint8Array(0)};
    expect(() => cpaceIsk({scalar: s, peerShare: lowOrder, sid, initiator, responder})).toThrow(CpaceAbort);
  });
});
