// Runs npm scripts side by side and prints each one's output whole, in the order given, once it
// has ended; exits 1 when any of them failed. `npm test` runs its gates this way (the type check,
// ESLint and Prettier need nothing from each other, and each keeps one core busy).
//
//   node --import tsx scripts/side-by-side.ts typecheck lint format:check
import { spawn } from 'node:child_process';

interface Outcome {
  script: string;
  code: number | null;
  output: string;
}

function run(script: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err) => resolve({ script, code: null, output: `${output}${String(err)}\n` }));
    child.on('close', (code) => resolve({ script, code, output }));
  });
}

const scripts = process.argv.slice(2);
const started = performance.now();
const runs = scripts.map(run);
const failed: string[] = [];
for (const outcome of runs) {
  const { script, code, output } = await outcome;
  process.stdout.write(output);
  if (code !== 0) failed.push(`${script} (exit code ${code})`);
}
console.log(`\n${scripts.join(', ')}: ${((performance.now() - started) / 1000).toFixed(0)} s side by side`);
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
