/**
 * Parses a body that is one JSON value or several concatenated ones (whitespace or newlines between),
 * as Jaeger sends when it streams a search result trace by trace.
 */
export function parseJsonValues(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    return [JSON.parse(trimmed)];
  } catch {
    return splitTopLevelValues(trimmed).map((chunk) => JSON.parse(chunk));
  }
}

/** Cuts concatenated objects/arrays apart by bracket depth, skipping brackets inside strings. */
function splitTopLevelValues(text: string): string[] {
  const chunks: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) chunks.push(text.slice(start, i + 1));
      if (depth < 0) throw new SyntaxError(`unbalanced '${char}' at offset ${i}`);
    } else if (depth === 0 && !/\s|,/.test(char!)) {
      throw new SyntaxError(`unexpected '${char}' between JSON values at offset ${i}`);
    }
  }
  if (depth !== 0 || inString) throw new SyntaxError('JSON stream ends inside a value');
  return chunks;
}
