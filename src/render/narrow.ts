// Characters the program itself draws (arrows, bullets, box drawing, marks) whose width in a
// terminal is one column, as string-width measures them (test/render/narrow.test.ts holds this
// list to string-width): text made of these and printable ASCII is measured without it.
export const NARROW: ReadonlySet<string> = new Set([
  ...'·›‹»«—–•…’‘“”',
  ...'↑↓←→▸▹◂▶◀▷◁✓✗✕✎★',
  ...'─│┌┐└┘├┤┬┴┼━┃╭╮╯╰═║╔╗╚╝',
  ...'█▏▎▍▌▋▊▉░▒▓',
  ...'×÷±°§¶©®éèêàâçôûüöäïëñÉ',
]);
