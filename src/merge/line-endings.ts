/**
 * How a file on disk ends its lines. Templates render LF with a final newline; a user (or
 * git's autocrlf) may have CRLF, or no final newline. Merges run on LF text, and the result
 * is given back the user's style.
 */
export interface TextStyle {
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

export function detectStyle(text: string): TextStyle {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return { eol: crlf > lf ? '\r\n' : '\n', finalNewline: text === '' || text.endsWith('\n') };
}

export function toLf(text: string): string {
  return text.replaceAll('\r\n', '\n');
}

/** LF text with the given style: its line endings, and a final newline or none. */
export function applyStyle(lfText: string, style: TextStyle): string {
  let text = lfText;
  if (style.finalNewline) {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  } else if (text.endsWith('\n')) text = text.slice(0, -1);
  return style.eol === '\r\n' ? text.replaceAll('\n', '\r\n') : text;
}

/** A NUL byte is what git takes as "binary": such files are never merged line by line. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}
