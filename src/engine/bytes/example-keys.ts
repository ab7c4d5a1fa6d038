// The private keys of the example PKI that the handshakes use (a root CA, the issuing CA, the
// server's leaf and the client's certificate), as PKCS #8 DER in base64. They were generated
// once for hs-tutor and are public by design, like RFC 8448's: anyone can check every signature
// in an export and decrypt nothing they could not already, since the simulated runs log their
// session keys anyway (`export --keylog`). Never use them for anything real.

import {createPrivateKey, createPublicKey, type KeyObject} from 'node:crypto';

export type ExampleKeyRole = 'root' | 'intermediate' | 'leaf' | 'client';

const PKCS8: Record<ExampleKeyRole, string> = {
  root:
    'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDvd0zt3A5yiN2txBbgEKtf/GdzMpopy6ESrSEmljBmzkzV' +
    'PIepi/h1S5YWVk3mzFN9Fj4TzUYaOpU5GvIrreWt0h5H1wpbmZoKX+XwJtjR0k4rRBsi/5M9ByRXiRNn3QumVaWQ1yXHUVfA' +
    'ZLkjniU//JnprgZp6R58x6GvVdBicdWtWxyZHqc6Qcng+u9XPDKtekM0mSc9Mmo2YinHPqJ6mEEjdAlt+WcEIXdpBcG6cRMc' +
    'j5h75oM123867Fu8pLcwUcfM7seDWJ7aI5E5gFe37NY1W0TSZK/W9oryJSvu7HwsO2JlxJayCg6XRLu+IGvZYvSCc+H46FWt' +
    'DGNCVIgpAgMBAAECggEAAXTNuZzIh4JIRNXOZM6J8d0jvOpBg6anhCjo39m/q037kiI0DTNa3E2/uMMnTKBdk2mdKlSQGOzW' +
    'Lcd5hXH67yRtIJ2dnfWwbEbUHv9OR/JgagULQpp5/DMTRPQCTScMB3CTmSHYN57Wd4boe4XrIixu72I3S3gXNYXz3tByolKd' +
    'yXzwUVcwuhebJoEnB4eaAf8eHyfZSTGr9Tw4siT4T4MmHEAvekVsZ+UwBgJWkZmSNMu5j3y5SC+ab80QApkCCwfyVZ24NU8k' +
    'U94Q+PvuHX5j/WWRrmCfkqTuhUjK5TgzxvLE4+d0PSuqd+QiFvLy9lHsXpPFpUPRTJtCB/9FAQKBgQD88hmDBt2tEXAIaYzt' +
    'j9hAK7d0NKn41PKWDTsK9JIzedD709RbE4geLSFv5VNJDQZXEfwiLiYdwakQ18VIKBPUKrftvqf2Cd+haJOGkoQqElAOk1ez' +
    'QUfE4PdumrrIKmCqZK9iRH1wGolklkOK1DcvQ9ayD1u1UbcsK9DvVr9jgQKBgQDyW4hheilLz4O3skPhar8qfKuTojSXHIOP' +
    'nq4V8tgTnHDMfUONjuNQBZryaoKqDEucG1IiHmwL18RzM7eX3H6/OBg4Ty5tH9XpTPQv3/1uaRG57WKt9cNQFZBlVO8j0PHS' +
    'xlQwg7fqfHUb+wew4IIah0wpdnCj+VZgP3QEiYfYqQKBgGvUQS/sI1/+CQZtCJjVM1jXyhMNyE+9Z9SzuzHGZPTwvzg7a1GQ' +
    'F/zVPGXZGxIPLV682gEwLyuMPShi80T5YMqXk2UUW8G1H9JNJGa/2vucZuhvw3k1IQU66gAKkgl2l1LMLT/09oxto5hvvkdW' +
    'hFfv0XyCs5OuTCnWW/FLx7cBAoGBAIkQSykVtZUyXwPcxZcOj96vczmjWqq7bYwj6cBv/tPYfdKoZTQBw3zWLrM6mXsiSQCY' +
    'UvMI0YJBHNEqRoKUKPpr9wahgVgl0QyIgPEydFmlAmlsX4qSm0sHZwpn5ncTDDBwCd0GIVVz3addaRQXZH0sV157pWiW8sqs' +
    'GCkYvsNBAoGBAPn8w/MNzDiRpW8p/U6AeFZaUwoZ+Rh5Myd6Jbx9n0/uL467EPmj8BXZIpzGJqNmWayMb9EggMe3mfnaVC5V' +
    'k3kimFQG9kxIXAznKjRjuNOfCYePV4GI4+ao6tLA/7RkUve0YHzDYpcOq1u6qTdjMA+MVL84ZIFFARvKDqkFJZs2',
  intermediate:
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7mCwabBNKAZTkfNYz/paia5naM5ssa/+ZbR4k5q/6MiyC' +
    'LhtNI0gT251EK+d0vYUnyP/JqeX5bMEygBReFAgElJ9sRaHxBo/SgF7xa/Js635l326kp1qsR99bFnV21BziqN+rdel8SmxQ' +
    'ET4vkO3C2Z59l4AJ7a1Ac4emWRFgDSpT40TsOdIRXf20PnJwUqLjwKVZENNxbKrRkoMW34exnKoG0lrlzfoX5hgRnU9bGLmt' +
    'gXwuFEGAYdHxmYesNC/eeebgtoVOBGKtLKsXUl30kCl6nHdz+Nl35HuUA7mted5vutFmZ9OLeUb7eQGlX6i6KzWZqhrltUvS' +
    'auFX0pRXAgMBAAECggEATRbaHNuHy7Q9ru18Cu7WkRU9qrTlUgpphW+ZYRmpfFvs/WwcDQVwI7Tueiq+mTMeinxnXMRkPK0L' +
    '8Yg/lm+N4e//WXt98nG7XYoiOfydqVPW498+9QvOz5hTeXePus6sthomnCu+0LQ2sWp8jwh0JEvQfRTqaWoR9bfkKSBV6w2X' +
    '5PoPZiDpw9oIPhL8IGVdQm6dXaIAJeTTEWuxSIhTqbnkrJauU7RvHk0r54c6PZA07b82mBBC8XArlSQeY7CPjz6hmhgWtjJr' +
    'aF58JAcS5GLoSOqMLsbV48Lbfwxm7qI0osBu8RoYusHEd14r2V+qh8XmiW+eUtsrTgO3X0gKhQKBgQD929PxKiYJl7bN467Q' +
    'AlDjRnUhITCg+3OuK156ETZW4hJLJ35komDIUyVL+yLFNX5GsAFhZf+Q84/ySjDTrGZpxu/WALp1dgeXYCdjEtA8ex8IVIIQ' +
    'LnviwN6FF/XIEKs8AzL5aVZh4pWVq2MyAKFhocqNXbV8/791gOQvAA4ZQwKBgQC9LUGJdBS0xu99flEE6xiILMrtOp/I1ewg' +
    'TqFmY4I004l+BbtiODPkP4i+2W/tyCPZEQh2w7z2YYycZOV7mX7bH/u08H1BGo8FwyXQawYu66E7Hqvd2v3z/tODoRzt93+u' +
    '5BT2Q3da55t9oS5PSf0KEeLKZOUI3qj6Z5uCnrkNXQKBgQC9k+MNILrTQxdjXnr4ICKj98QU/6I/NklHcl/VrPD1pVKgCVhc' +
    'ct7v+xfJTDzFJZOt2lbNk8xtRVbkS/92tDKvH7+QA287tO8qXsZLOIuF/zRHlkSjLPObfQkwP5pu0/Pslz8D/2RhKUMoSJuF' +
    'he7+6EJJnAei16L1b1H4v4PH3QKBgD4U0vQLvxvQSRmy0V2+1Q8jO/j8CyG6akHz6+2Q7FLvtKhBs0u5S/Y0j2iqLJwo2PLM' +
    'Ly3icGmee6l7Rv/30HSSm2S2ozQxRgxLDWbHKIFPXFrtZtNooXxn/PuubLL/TMyVFvf2Df4sEY/5zBvDGSIr2nQ3Bh6SC3wZ' +
    'ciQ8eFgVAoGAYsBKn2ITrmNBmtvcjl6IG5PPXKi2z4dqMCOco69kcNTjJg9jIi11k/qeMVtqXJ98An1DdRbpdVuEBwiCTIDM' +
    'fn3SVffpGibLW8NhD7snQ9wowSmy3gJ/vpUb63gMhphBUicxSdlBxR78gqd7G3zdij7O1t2bYX9vLLKsoDfYvLc=',
  leaf:
    'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDAdnnQwwrqTQFHCfPoi8imBl7X6Up2fFIEaUTg+XeIrK5B' +
    'PcRIbcKOmFCinjMY3uTVOT4uJpuLWc7Fja8zTgNhLxpZ0MF+QSQ5JZ5b0KZrN4U/SXytltPEqQcHzsHuj57uACM91sT/sahY' +
    '6waanBLIKxRIWPC34XvpvuKHn8QxCOHMTG1khk9DIdXLTRsPzmReLdv/hxdyT2m6WBJ3kUU8+wm9c8V7FTPaFonDJs731oeT' +
    'Z/HynAbiECbxANdjnV4Qj3Z6HtYIIbst4mayd1x+TUq6gCPKXFRwykcpOgiKMD3n3IQV8do3TmK3Xs0NPGYY70W2q+Ete79c' +
    'teCnmglzAgMBAAECggEAI/7Ef5/KzdFDGOcqn+Zsy2hLmrP+AjT0HfEWOcFOcthg6sDDkgw9I/AmvJM72T3urFY9Y+JCmwhb' +
    '3KTIDJ9dkHJ/yiZ52cQTI0D+4gse5NSIbjKvR8P6rUAzmWk46gYgYkDSVoFxbKTsaFzkakwgUyGDdJh1xN4+D5Rsx5LA3a6J' +
    'U+T3ol/ETlNG+N9BM9RTxVbvDkUFfnriVtMvo8xDq8/pU3s7g1vU961HUhA4se7JOgY40+KdI4+MuM4q5UdhlzH5GGZnD6mD' +
    'c+AgJKHVzLYfpRbs+S+xxWWxQVhOwqnl6DepsIzyrXU39H9u7s15AQFG3LVo1ba0z3ylHzurkQKBgQDu3VObnRUEBEa60tSh' +
    'K5XX3QLS29cdlNDp2jdkXjV2PS0aZqsgfeb2CxPV3sEidkbliaTW/yuUWl5wrJI6LShfPFaBcJrWb4JPcj1yRQ/XpaNa+c1P' +
    'Qc9yioFzE9jLortMSSwcCQpXKJ+jmlvy8nbwEBVZw8WQAbekMlTi0YIhewKBgQDORP7NfYS+2QY6kWoK1rerZuZP+wVM5ccq' +
    'b9Va+Rd7CSuLDpcKUM0SpcFpvVmQpBNbl/HfRv649D7P4xWqsh4MtMb53/vaiwORIbkhW7bgdkAe2KSVqgREkC6/wrjaQpGb' +
    'wUkLH8BIgV6z4e/2Rl91MGymFdtx6uytPQVEryqKaQKBgQCUm0P564d4oURz1NkOkHRAATNRhg5WTBCRfP67RdVTA4p9A2Tx' +
    '6QJ5Drk/dL+JtjYzdigEzmoJeROKXAL5iMC2R262Rx09zdAvpy5NWmQZ0OZJomI2LgZnB36z3qQhRNPsCRYVNxak1RREj7Mm' +
    '+ew/PHJcD21pQ3hCAkJHfvrL4wKBgFKFYdb+D1x24LoPsPfzHPnyqdN3npA8ISkGIrpJiy5K5eO1C5Ix70k1jSJrgWiPa7sq' +
    'F7b25TNDa9mphOKMbd8xd6VCCbVOBjhK4JDK62fzhwWQMJA7u4dek4VeNqwDE9PXSQytQDUBpMycaG8Dim8M13q+pdN2ZAeO' +
    'sQvgdEl5AoGBANkQ7vDWxfxWVddWD0fqRJ1YtMyKaeZgaDHPFLQQTEpVJDNiFAvM3+nSZBTY71GMXhCa5Xbrzk1NR5iqGhbM' +
    '6vxyil2iWs9QMUGM0zGLbxk2hIJtqoJxbnADQinnDJoBzhOL/k3PY0uWQWOWsJ3xlSyO1Stn3duRQxBPATCU7J2M',
  client:
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDTDZYn1/7VSLYwAO9AbZyhRTVgaZvXdZFdECgdLT/ZTfzD' +
    'VY4wVDMtZpAGM7ZLoZnZpDFJIxa4OhpxK5Md9nFbDb7iTjIL4DcguNSSD0a6y0EvZpEO6PmxQGoDxYb9P1ti6busAcv1/MDY' +
    '4fWMLs6SkVvyGH+bAnV4T+4XJ9vnqWFnx31d1OcI05XNXLU/+w6VVFGbZA7QfVswlj9oL7rsO75PwhOzJhEOf59z2Zw1xky1' +
    '84QY0Y+7Fk+E4kdKGbSGPo6NFO/UDWtUop/P+HG4XFcVZOprP18IAFQMbMHcSYNlig3l3rgSD896EUCej8m4uFnsN5wHj8Ds' +
    'ZdGu63JHAgMBAAECggEAAatSLF8qoSM3FarG5E/kSj49jX/9qeGV1GeZTvRu/y1SZMpwxR8VXImQIAxup6slMrHNa1JUuVZJ' +
    'o+rVT1+wm9NrAWfe63XK2dO8Z/9TmYyb/QpRoWLkVADkwGzihBmT2R9syuUkvihRRNCHXE7OdshMMt5QvA1z7Q9XcbrF+XoQ' +
    'yjbRNQmAGDmQp357gFFeLhR/qxULTATL7yuxpqQUdxg4SLskq0A+r8xYojYi7T6njl+WzkryIOLEOoy0y9FwTgFE3dqAjcnZ' +
    'zGfM68nxHL3aNZCJhC0rH1ukeJ/3CNCm9P1o0fwOGm+g77CpCiKAqFw0BJkMVmExUYkbZx0aGQKBgQD4G3X4ooDtMK4kFdi8' +
    'MqcggM0fSxEgXuPlLLy6DvUYEFl8INGlZGZOUI0p+stYn1YqgH6+h9g2lP88nD0YUTa7Cazd/nBq24bAnQ1jU5oL7+UK3tmt' +
    'ti5rINX6fE+XMMsQHWTWekolR1N7Lmb78TNLFzQevnJuoDuoGt1U9kKHDQKBgQDZxFz/yFBJ/YVRlbLlENmHS1gSavixAXCn' +
    '6gWQtQ+dgSnZqtv73AtbVTncF2EBN9FdIfVCahRN31nbb9a7JI/wtOsltqFa2LeZ9oFRwuXv5kgStz7PClXzJiuWLfGLFlRA' +
    'wKNqwT/o+vCplMuoNw29QhmHVhJrwHX+xslhxxAJowKBgDhwJrnUXXeXJ0XWImNNMm9WXVLNBKxUaYrsTlIUrPQ4Y+K0pHv3' +
    'Br6x3Cq8fh0+wZ8Rc8Nrq2dfJWBoOg2aC9UoMkadZn0oStLt5um9TsGAZJ3Aa8v0MUL1STedp41A8DBOP236i3tHaloPCCYv' +
    'i/d848JKmEVJ9cgbtFVrX17RAoGAPDxkvRvbmZvW1MpjwZj3ksT0h6OvRsbvMoM5Jt3ug9LGkL8COpiTS6A3cPnGi1+1Od26' +
    'ybQuCZxObrRw4TMr3ZktsjDiUQ7BOoVFICiZEdLQ/NxTM1HYlHlqdRAgUCjNBVxD17O8yeUfzMirzMvtsPwns5fLYKLMAL1b' +
    '1wAJH6ECgYEAlWNIG4oGhUGstZpbSO6pfJZOzYlNk7SKYfeBRPZbHur3G0G/7qModp7AgkJcvEWkXbxCSWtz6Mr1WqvhKylY' +
    '1TCHgewkQQ6eIh+iJVBXNI98QZYJxsszrkVhKrfnlj/rpa6yKcUV2vW5tsuKENfmNeN5lMWkZp2E2FOHVl1Kgtg=',
};

const keys = new Map<ExampleKeyRole, KeyObject>();

/** The RSA-2048 private key of `role`. */
export function exampleKey(role: ExampleKeyRole): KeyObject {
  let key = keys.get(role);
  if (!key) {
    key = createPrivateKey({key: Buffer.from(PKCS8[role], 'base64'), format: 'der', type: 'pkcs8'});
    keys.set(role, key);
  }
  return key;
}

/** The SubjectPublicKeyInfo DER of `role`'s key, as a certificate carries it (RFC 5280 §4.1.2.7). */
export function examplePublicKeyInfo(role: ExampleKeyRole): Uint8Array {
  return new Uint8Array(createPublicKey(exampleKey(role)).export({format: 'der', type: 'spki'}));
}
