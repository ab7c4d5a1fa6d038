// The exact width for any text (string-width), given to render/text.ts. Imported by the program's
// entry (cli/main.ts) and by the tests' setup: everything but the first paint, which keeps to
// text whose widths are known without it.
import stringWidth from 'string-width';
import {useExactWidth} from './text.js';

useExactWidth(stringWidth);
