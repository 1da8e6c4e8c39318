/** A LIKE pattern matching `text` literally anywhere (escape character: backslash). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
