import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { findTool, pipelinePorts, validateCollectorConfig, type Validation } from '@tracelab/local-stack';

/**
 * The Collector configuration file a pipeline lab breaks and the learner repairs: the very file the
 * running Collector reads (deploy/otel-collector/config.yaml: compose mounts its folder, local mode
 * passes it with --config). TRACELAB_COLLECTOR_CONFIG points the lab at another file (tests).
 */
export function collectorConfigFile(root: string): string {
  return process.env.TRACELAB_COLLECTOR_CONFIG || join(root, 'deploy', 'otel-collector', 'config.yaml');
}

/** How to name the file to a learner: from the repository root when it is inside it. */
export function shownPath(root: string, file: string): string {
  const path = relative(root, file);
  return path.startsWith('..') ? file : path;
}

/** What `start` changed: the lab, the file and its exact bytes before, for a byte-for-byte reset. */
export interface PipelineLabState {
  lab: string;
  file: string;
  /** The file's bytes before the lab's edit, base64. */
  before: string;
}

/** One saved state per configuration file, so a test's copy never touches a learner's lab. */
const stateFile = (root: string) => join(root, '.local', 'labs', `collector-${createHash('sha256').update(collectorConfigFile(root)).digest('hex').slice(0, 12)}.json`);

/** The pipeline lab started on the configuration file in use (TRACELAB_COLLECTOR_CONFIG or the shipped path). */
export function readPipelineLabState(root: string): PipelineLabState | undefined {
  return existsSync(stateFile(root)) ? (JSON.parse(readFileSync(stateFile(root), 'utf8')) as PipelineLabState) : undefined;
}

/** An exact text edit of the configuration, as the code labs' edits. */
export interface ConfigEdit {
  find: string;
  replace: string;
}

/**
 * Breaks the configuration with the lab's edits. A pipeline lab already started on the same file is
 * undone first (from its saved bytes), so starting one lab after the other never stacks breaks.
 */
export function breakCollectorConfig(root: string, lab: string, edits: readonly ConfigEdit[]): string {
  const file = collectorConfigFile(root);
  const previous = readPipelineLabState(root);
  const before = previous ? Buffer.from(previous.before, 'base64') : readFileSync(file);
  let text = before.toString('utf8');
  // A clone with Windows line ends (core.autocrlf) gets the edits with the same line ends.
  const eol = (part: string) => (text.includes('\r\n') ? part.replace(/\r?\n/g, '\r\n') : part);
  for (const edit of edits.map((e) => ({ find: eol(e.find), replace: eol(e.replace) }))) {
    if (text.split(edit.find).length !== 2) {
      throw new Error(`${file} is not the shipped configuration (the part ${lab} breaks was changed): pnpm lab workshop reset, or git checkout -- the file`);
    }
    text = text.replace(edit.find, () => edit.replace);
  }
  mkdirSync(dirname(stateFile(root)), { recursive: true });
  writeFileSync(stateFile(root), JSON.stringify({ lab, file, before: before.toString('base64') } satisfies PipelineLabState));
  writeFileSync(file, text);
  return file;
}

/** Puts back the bytes saved by the last start; the file restored, or undefined when no lab ran. */
export function restoreCollectorConfig(root: string): string | undefined {
  const state = readPipelineLabState(root);
  if (!state) return undefined;
  // A file gone with its folder (a test's temporary copy) has nothing to restore.
  const gone = !existsSync(dirname(state.file));
  if (!gone) writeFileSync(state.file, Buffer.from(state.before, 'base64'));
  rmSync(stateFile(root));
  return gone ? undefined : state.file;
}

/**
 * Whether the file loads, asked of the Collector itself (the build of .tools/bin or one on PATH),
 * with its own error line; 'unknown' without a local otelcol (compose without `pnpm tools:build`).
 */
export function checkCollectorConfig(root: string, file: string): Validation | { loads: 'unknown' } {
  const otelcol = findTool('otelcol', root);
  return otelcol ? validateCollectorConfig(otelcol, file, pipelinePorts()) : { loads: 'unknown' };
}

/** When the file was last written, in ms since the epoch. */
export const modifiedAt = (file: string) => statSync(file).mtimeMs;
