// parseLesson: one lesson file → the Lesson and every problem in it, at its file:line. The
// frontmatter is checked key by key, `##` headings become steps, fenced blocks become workspace
// files (`file=NAME`), paste-able commands (shell, sh, bash, console) and tasks (task), and links
// must lead somewhere: a file beside the lesson or a heading of the lesson.
import type { Tokens } from 'marked';
import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../kubectl/resource/manifest';
import { parseFrontmatter, splitFrontmatter, workspacePathOk } from './frontmatter';
import { anchorFor, headingText, infoString, locatedTokens } from './markdown';
import { dirname, joinPath } from './paths';
import { parseTaskBlock } from './task-block';
import type { Lesson, LessonBlock, LessonProblem, ReadFile, Step, Task } from './types';

export interface ParseResult {
  lesson?: Lesson;
  problems: LessonProblem[];
}

const SHELL_LANGS = ['shell', 'sh', 'bash', 'console'];
const YAML_LANGS = ['yaml', 'yml'];

export function parseLesson(source: string, path: string, readFile?: ReadFile): ParseResult {
  const problems: LessonProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ file: path, line, message });
  const split = splitFrontmatter(source);
  const fm = parseFrontmatter(split.yaml, path, problems, readFile);
  const steps: Step[] = [];
  const tasks: Task[] = [];
  const blocks: LessonBlock[] = [];
  const anchors = new Map<string, number>();
  const links: { href: string; line: number }[] = [];
  let title: { text: string; line: number } | undefined;

  for (const { token, line } of locatedTokens(split.body, split.bodyLine)) {
    const step = steps.length - 1;
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        const text = headingText(h);
        const anchor = anchorFor(text, anchors);
        if (h.depth === 1) {
          if (title) problem(line, `a second "# " title ("${text}"); use "## " for steps`);
          else title = { text, line };
        } else if (h.depth === 2) steps.push({ title: text, anchor, line, tasks: [] });
        break;
      }
      case 'code': {
        const code = token as Tokens.Code;
        if (code.codeBlockStyle === 'indented') break;
        const { lang, attrs } = infoString(code.lang);
        const lint = !('nolint' in attrs);
        const content = code.text ? `${code.text}\n` : '';
        if (lang === 'task') {
          const task = parseTaskBlock(code.text, path, line + 1, line, step, problems);
          if (!task) break;
          if (step < 0) problem(line, `task ${task.id} comes before the first "## " step; put it inside the step it belongs to`);
          if (task.id && tasks.some((t) => t.id === task.id)) problem(line, `task id "${task.id}" is used twice in this lesson`);
          tasks.push(task);
          steps[step]?.tasks.push(task.id);
          blocks.push({ kind: 'task', line, step, taskId: task.id });
          break;
        }
        if (attrs.file !== undefined) {
          if (!workspacePathOk(attrs.file)) problem(line, `file=${attrs.file}: the name must be a path relative to the workspace (like pod.yaml)`);
          blocks.push({ kind: 'file', line, step, lang, path: attrs.file, content });
        } else if (SHELL_LANGS.includes(lang)) {
          blocks.push({ kind: 'shell', line, step, lang, text: code.text, commands: shellCommands(lang, code.text) });
        }
        if (lint) lintCode(lang, attrs.file, code.text, line, problem);
        break;
      }
      case 'link':
      case 'image':
        links.push({ href: (token as Tokens.Link).href, line });
        break;
      case 'html':
        if (/<script|javascript:|\son[a-z]+\s*=/i.test(token.raw)) problem(line, 'lessons cannot contain scripts or event handlers; the app removes them');
        break;
    }
  }
  for (const l of links) checkLink(l.href, l.line, path, anchors, readFile, problem);
  if (!fm) return { problems };
  if (!title) problem(split.bodyLine, `the body needs a "# ${fm.title}" title`);
  else if (fm.title && title.text !== fm.title) problem(title.line, `the "# " title "${title.text}" differs from the frontmatter title "${fm.title}"`);
  if (!steps.length) problem(split.bodyLine, 'the lesson has no steps ("## " headings)');
  if (!tasks.length) problem(split.bodyLine, 'the lesson has no tasks (```task blocks)');
  const lesson: Lesson = { path, ...fm, body: split.body, bodyLine: split.bodyLine, steps, tasks, blocks };
  return { lesson, problems };
}

/** The lines a "Paste in terminal" button types: `$ ` prompts stripped; in console blocks only prompted lines. */
export function shellCommands(lang: string, text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) out.push(line.slice(2));
    else if (lang !== 'console' && line.trim()) out.push(line);
  }
  return out;
}

/** YAML and JSON blocks must parse; Kubernetes manifests must pass kubectl's client-side checks. */
function lintCode(lang: string, file: string | undefined, text: string, line: number, problem: (line: number, message: string) => void): void {
  const ext = file?.split('.').pop()?.toLowerCase();
  const isYaml = YAML_LANGS.includes(lang) || ext === 'yaml' || ext === 'yml';
  const isJson = lang === 'json' || ext === 'json';
  if (!isYaml && !isJson) return;
  const name = file ?? `${lang} block`;
  if (isJson && !isYaml) {
    try {
      JSON.parse(text);
    } catch (e) {
      problem(line, `${name}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  } else {
    for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
      const err = doc.errors[0];
      if (err) {
        problem(line + 1 + linesBefore(text, err.pos[0]), `${name}: not valid YAML: ${err.message.split('\n')[0]}`);
        return;
      }
    }
  }
  if (!/^\s*"?(apiVersion|kind)"?\s*:/m.test(text)) return;
  try {
    parseManifests(text, file ?? 'STDIN');
  } catch (e) {
    problem(line, `${name}: kubectl would reject this manifest: ${e instanceof Error ? e.message : String(e)} (add "nolint" after the language if that is the point)`);
  }
}

/** How many line breaks come before `offset`. */
function linesBefore(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function checkLink(href: string, line: number, file: string, anchors: Map<string, number>, readFile: ReadFile | undefined, problem: (line: number, message: string) => void): void {
  if (/^javascript:/i.test(href)) return problem(line, `link ${href}: lessons cannot run scripts`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return;
  const hash = href.indexOf('#');
  const target = hash < 0 ? href : href.slice(0, hash);
  const anchor = hash < 0 ? undefined : decodeURIComponent(href.slice(hash + 1));
  if (!target) {
    if (anchor !== undefined && !anchors.has(anchor) && !hasSuffixed(anchors, anchor)) problem(line, `link #${anchor}: no heading in this lesson has that anchor`);
    return;
  }
  if (!readFile) return;
  const path = joinPath(dirname(file), decodeURIComponent(target.split('?')[0]!));
  const text = readFile(path);
  if (text === undefined) return problem(line, `link ${href}: ${path} does not exist`);
  if (anchor && path.endsWith('.md')) {
    const other = new Map<string, number>();
    for (const { token } of locatedTokens(splitFrontmatter(text).body, 1)) if (token.type === 'heading') anchorFor(headingText(token as Tokens.Heading), other);
    if (!other.has(anchor) && !hasSuffixed(other, anchor)) problem(line, `link ${href}: ${path} has no heading with the anchor #${anchor}`);
  }
}

/** `step-1` for the second heading named "Step". */
function hasSuffixed(anchors: Map<string, number>, anchor: string): boolean {
  const m = /^(.*)-(\d+)$/.exec(anchor);
  return !!m && (anchors.get(m[1]!) ?? 0) > Number(m[2]);
}
