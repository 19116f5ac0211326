/**
 * Everything the command prints passes through here. Text from the officer's file (a 部门名称, a 评分依据, a
 * value quoted in a message, a file name) can hold terminal controls: ESC ]0;…BEL sets the window title,
 * ESC [2J clears the screen, U+009B is the same CSI as a single C1 character for many terminals, a carriage
 * return overwrites what was printed, and bidi overrides (U+202E) make a line read other than it is.
 * Each such character is shown as a visible escape (\x1B, \u202E) instead, so what was in the file can
 * still be seen; Chinese text, line breaks and everything printable pass unchanged.
 */

/**
 * C0 controls except the line feed, DEL, C1 controls, the Arabic letter mark, LRM/RLM, the line and paragraph
 * separators, bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are replaced before printing
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set less what JSON.stringify already escapes (all of C0): what may still reach a terminal raw. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (ch: string, digits: number) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(digits, '0');

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x09) return ' '; // a tab only moves the cursor: a space keeps the table aligned
  return code < 0x100 ? `\\x${hex(ch, 2)}` : `\\u${hex(ch, 4)}`;
}

/** Text as it may reach a terminal: every control character but the line feed made visible. */
export function forTerminal(text: string): string {
  return text.replace(CONTROL, visible);
}

/** One line of a table or list: line breaks (an officer's Alt+Enter in a cell) become spaces, then forTerminal. */
export function terminalLine(text: string): string {
  return forTerminal(text.replace(/\r\n|[\r\n\t]/g, ' '));
}

/**
 * JSON text that stays valid JSON, parses to the same values, and holds no character a terminal would act on:
 * what JSON.stringify leaves raw (C1, DEL, bidi controls, U+2028/9) becomes a \u escape.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(JSON_RAW, (ch) => `\\u${hex(ch, 4)}`);
}
