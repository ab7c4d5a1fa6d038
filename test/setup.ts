// React's act() makes Ink renders and key presses settle before assertions (ink-notes §2.5).
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;
