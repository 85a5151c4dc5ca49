// Bundles the playground front end into dist/graphiql.js and
// dist/graphiql.css, which the Go package embeds. Run via `make playground`.

import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

// Clear earlier output but keep dist/.gitkeep, which lets the Go package
// compile before the first build.
for (const name of await readdir(dist)) {
  if (name !== '.gitkeep') {
    await rm(join(dist, name), { recursive: true, force: true });
  }
}

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: ['src/index.jsx'],
  outfile: 'dist/graphiql.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Fonts and images referenced by the stylesheet are inlined so the page
  // never asks anyone but the Go handler for anything.
  loader: {
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.ttf': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
  // Warnings and errors only: the file size summary is noise in `make test`.
  logLevel: 'warning',
});
console.log(`playground bundle built in ${Date.now() - started} ms`);
