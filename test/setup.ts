import fc from 'fast-check';
// As the program's entry does: exact widths for any text (src/render/text.ts).
import '../src/render/string-width.js';

// React's act() makes Ink renders and key presses settle before assertions (ink-notes §2.5).
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

// Generated inputs are the same on every run: a failure names its seed and its counterexample,
// and rerunning reproduces it (set HS_TUTOR_FC_SEED to explore other inputs by hand).
fc.configureGlobal({seed: Number(process.env.HS_TUTOR_FC_SEED ?? 20261203)});
