// One task: its state (done, to do, what is missing), hints one at a time, and the solution
// (after a confirmation: it types the commands in the learner's terminal).
import { useState } from 'react';
import type { LessonRuntime, Task, TaskResult } from '../../lesson';
import { inlineMarkdown } from './inline-markdown';

export function TaskCard({ runtime, task, result, current }: { runtime: LessonRuntime; task: Task; result: TaskResult; current: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [solving, setSolving] = useState(false);
  const state = result.passed ? 'passed' : result.done ? 'regressed' : current ? 'current' : 'todo';
  const hints = task.hints.slice(0, result.hintsShown);
  return (
    <section className={`task task-${state}`} aria-label={`Task: ${task.title}`} data-task={task.id}>
      <h3 className="task-title">
        <span className="task-mark" aria-hidden="true">
          {result.passed ? '✓' : '○'}
        </span>
        <span dangerouslySetInnerHTML={{ __html: inlineMarkdown(task.title) }} />
        <span className="sr-only">{result.passed ? ' (done)' : ' (not done yet)'}</span>
      </h3>
      {!result.passed && (
        <p className="task-status" role={current ? 'status' : undefined}>
          {result.done ? 'This was done, but it no longer holds: ' : 'Not yet: '}
          <span dangerouslySetInnerHTML={{ __html: inlineMarkdown(result.message) }} />
        </p>
      )}
      {hints.length > 0 && (
        <ol className="task-hints" aria-label="Hints">
          {hints.map((h, i) => (
            <li key={i} dangerouslySetInnerHTML={{ __html: inlineMarkdown(h) }} />
          ))}
        </ol>
      )}
      {!result.passed && (
        <div className="task-actions">
          <button onClick={() => runtime.hint(task.id)} disabled={result.hintsShown >= task.hints.length}>
            {result.hintsShown >= task.hints.length ? 'No more hints' : result.hintsShown ? 'Another hint' : 'Hint'}
          </button>
          {!confirming ? (
            <button onClick={() => setConfirming(true)} disabled={solving}>
              {solving ? 'Solving…' : 'Show me the solution'}
            </button>
          ) : (
            <span className="confirm" role="group" aria-label="Confirm solution">
              The solution types its commands into your terminal{Object.keys(task.solution.files).length ? ' and writes its files' : ''}.{' '}
              <button
                className="primary"
                onClick={() => {
                  setConfirming(false);
                  setSolving(true);
                  void runtime.runSolution(task.id).finally(() => setSolving(false));
                }}
              >
                Run it
              </button>
              <button onClick={() => setConfirming(false)}>Cancel</button>
            </span>
          )}
        </div>
      )}
    </section>
  );
}

