// Command lines as words, the way a shell would split them for the simple cases lessons use:
// blanks separate words, quotes group them, a backslash escapes; `|`, `;`, `&&`, `||` and `&`
// outside quotes separate commands. No expansion happens: checks compare what was typed.

/** The words of one command (`kubectl: "get pod web -o 'jsonpath={.a b}'"`). */
export function splitWords(line: string): string[] {
  return splitCommands(line).flat();
}

/** The commands of a line, each as its words. */
export function splitCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const close = line.indexOf(c, i + 1);
      const end = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      // inside double quotes a backslash escapes only $ ` " \ (bash QUOTING)
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const next = line[i + 1];
        if (line[i] === '\\' && next !== undefined && '$`"\\'.includes(next)) i++;
        text += line[i];
      }
      word = (word ?? '') + text;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (c === ' ' || c === '\t') endWord();
    else if (c === '#' && word === undefined) break;
    else if (c === '|' || c === ';' || c === '&') {
      if (line[i + 1] === c) i++;
      endCommand();
    } else word = (word ?? '') + c;
  }
  endCommand();
  return commands;
}
