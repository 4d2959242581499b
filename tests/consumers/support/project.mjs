// A throwaway consumer project, set up the way `npm install stripe-apps-secrets`
// would leave it: pkg/ is packed with `npm pack` (so only the files the
// published package has are there) and extracted into
// DIR/node_modules/stripe-apps-secrets. Other dependencies (react, vite's
// plugins, the UI extension SDK) are symlinked from the repository's
// node_modules. Assumes pkg/ is built (scripts/build-pkg.sh).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const pkgDir = join(repo, 'pkg');
export const rootModules = join(repo, 'node_modules');

/**
 * @param {{ links?: string[], copy?: string[] }} options
 *   links: packages of the repository's node_modules to make visible;
 *   copy: folders (relative to the repository) whose contents are copied into the project root.
 */
export function consumerProject({ links = [], copy = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sas-consumer-'));
  const files = installPacked(dir);
  for (const name of links) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(rootModules, name), link, 'dir');
  }
  for (const path of copy) cpSync(join(repo, path), dir, { recursive: true });
  return {
    dir,
    /** The files the packed package holds, as npm pack listed them. */
    files,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Packs pkg/ (or another build of it, `from`) with `npm pack` and extracts
 * it into DIR/node_modules/stripe-apps-secrets (replacing what is there), as
 * `npm install stripe-apps-secrets` would; returns the packed files' paths.
 */
export function installPacked(dir, from = pkgDir) {
  if (!existsSync(join(from, 'inline.cjs'))) {
    throw new Error(`${from} is not built (or not finished): run scripts/build-pkg.sh`);
  }
  // A folder of its own: suites run in parallel, and every pack has the same name.
  const packDir = mkdtempSync(join(tmpdir(), 'sas-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', packDir], {
      cwd: from,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = join(packDir, packed[0].filename);
  const target = join(dir, 'node_modules', 'stripe-apps-secrets');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  return packed[0].files.map((f) => f.path).sort();
}
