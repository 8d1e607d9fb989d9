// Copies the pinned d3 build (package-lock.json) into wwwroot/vendor, which is committed so that users of the
// released tool need no build step and nothing is fetched from a CDN. `--check` fails when the committed copy differs.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'node_modules', 'd3', 'dist', 'd3.min.js');
const target = join(here, '..', 'wwwroot', 'vendor', 'd3.min.js');
const built = readFileSync(source);
if (process.argv.includes('--check')) {
  const committed = readFileSync(target);
  if (!built.equals(committed)) {
    console.error(`wwwroot/vendor/d3.min.js differs from ${source}; run \`npm run vendor\``);
    process.exit(1);
  }
  console.log('wwwroot/vendor/d3.min.js matches the locked d3');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, built);
  console.log(`copied ${source} -> ${target} (${built.length} bytes)`);
}
