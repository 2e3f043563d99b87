// The lesson's text with its working parts: workspace-file blocks open in the editor, shell
// blocks paste into the terminal, task blocks show the task's state, hints and solution.
import { useMemo, useState } from 'react';
import type { LessonBlock, LessonRuntime, TaskResult } from '../../lesson';
import { pasteInTerminal, useAppStore, useWorld } from '../../state';
import { lessonPieces } from './lesson-markdown';
import { TaskCard } from './TaskCard';

export function LessonBody({ runtime, results }: { runtime: LessonRuntime; results: readonly TaskResult[] }) {
  const pieces = useMemo(() => lessonPieces(runtime.lesson), [runtime.lesson]);
  const current = results.find((r) => !r.done)?.id;
  return (
    <div className="lesson-body">
      {pieces.map((p) => {
        if (p.kind === 'html') return <div key={p.key} className="md" dangerouslySetInnerHTML={{ __html: p.html }} />;
        if (p.kind === 'code') return <CodeBlock key={p.key} text={p.code.text} lang={p.code.lang} />;
        const b = p.block;
        if (b.kind === 'task') {
          const task = runtime.task(b.taskId);
          const result = results.find((r) => r.id === b.taskId);
          return task && result ? <TaskCard key={p.key} runtime={runtime} task={task} result={result} current={current === task.id} /> : null;
        }
        if (b.kind === 'file') return <FileBlock key={p.key} block={b} />;
        return <ShellBlock key={p.key} block={b} />;
      })}
    </div>
  );
}

function CodeBlock({ text, lang, label }: { text: string; lang?: string; label?: string }) {
  return (
    <pre className="code" aria-label={label} data-lang={lang || undefined}>
      <code>{text}</code>
    </pre>
  );
}

/** A file the lesson hands out: opens in the editor, created with the block's content. */
function FileBlock({ block }: { block: Extract<LessonBlock, { kind: 'file' }> }) {
  const world = useWorld();
  const [note, setNote] = useState<string>();
  // the file opens with the keyboard in it: Ctrl+S saves it, as the lesson asks
  const openFile = (path: string) => {
    useAppStore.getState().openFile(path);
    useAppStore.getState().requestEditorFocus();
  };
  const open = () => {
    const path = `/root/${block.path}`;
    const fs = world.session.fs;
    const exists = fs.exists(path);
    // never overwrite the learner's own version without asking
    if (exists && fs.readFile(path) !== block.content) {
      if (!window.confirm(`${block.path} already exists and differs from the lesson's version. Replace it with the lesson's version?`)) {
        openFile(path);
        setNote('Opened your version.');
        return;
      }
    }
    fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    if (!exists || fs.readFile(path) !== block.content) fs.writeFile(path, block.content);
    openFile(path);
    setNote(undefined);
  };
  return (
    <figure className="block file-block">
      <figcaption>
        <span className="block-name">{block.path}</span>
        <button onClick={open}>Open in editor</button>
        {note && <span className="block-note">{note}</span>}
      </figcaption>
      <CodeBlock text={block.content} lang={block.lang} label={`File ${block.path}`} />
    </figure>
  );
}

/** Commands to try: one click types them into the terminal (Enter is the learner's). */
function ShellBlock({ block }: { block: Extract<LessonBlock, { kind: 'shell' }> }) {
  const world = useWorld();
  const [note, setNote] = useState<string>();
  const paste = () => {
    const ok = pasteInTerminal(world, block.commands.join('\r'));
    setNote(ok ? 'Pasted: press Enter in the terminal.' : 'A command is still running in the terminal: wait for the prompt (or press Ctrl-C there).');
  };
  return (
    <figure className="block shell-block">
      <figcaption>
        <span className="block-name">Terminal</span>
        {block.commands.length > 0 && <button onClick={paste}>Paste in terminal</button>}
        {note && (
          <span className="block-note" role="status">
            {note}
          </span>
        )}
      </figcaption>
      <CodeBlock text={block.text} lang={block.lang} label="Commands" />
    </figure>
  );
}
