// What is measured: this checkout, and with BENCH_BASELINE=<git ref> that ref checked out beside it
// (a git worktree under .bench/baseline), installed and built there, its stack started by its own
// packages/local-stack.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

export function build(root) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

function describe(root) {
  const dirty = git(root, 'status', '--porcelain', '--untracked-files=no') !== '';
  return `${git(root, 'rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
}

export function currentTarget(root, databaseUrl) {
  build(root);
  return { name: 'ours', root, commit: describe(root), databaseUrl, localStack: require(join(root, 'packages/local-stack/dist/index.js')) };
}

/** A database of the baseline's own: its migrations may be older than ours. */
const baselineDatabase = (url) => {
  const moved = new URL(url);
  moved.pathname = `${moved.pathname}_baseline`;
  return moved.toString();
};

export function baselineTarget(root, ref, databaseUrl, log) {
  const dir = join(root, '.bench', 'baseline');
  const commit = git(root, 'rev-parse', '--verify', `${ref}^{commit}`);
  if (!existsSync(join(dir, '.git'))) {
    git(root, 'worktree', 'prune');
    git(root, 'worktree', 'add', '--detach', dir, commit);
  } else if (git(dir, 'rev-parse', 'HEAD') !== commit) {
    git(dir, 'checkout', '--detach', '--force', commit);
  }
  const stamp = join(dir, '.bench-built');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== commit) {
    log(`baseline ${ref} (${commit.slice(0, 7)}): pnpm install --frozen-lockfile and build in .bench/baseline`);
    execFileSync('pnpm', ['install', '--frozen-lockfile'], { cwd: dir, stdio: 'inherit' });
    build(dir);
    writeFileSync(stamp, commit);
  }
  return { name: 'baseline', root: dir, commit: `${ref} (${commit.slice(0, 7)})`, databaseUrl: baselineDatabase(databaseUrl), localStack: require(join(dir, 'packages/local-stack/dist/index.js')) };
}
