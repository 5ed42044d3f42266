// Adds up every TRX (dotnet test) and JUnit (Vitest, Playwright) result file under the given
// folders and prints "N passed, N failed". Exits 1 when anything failed or nothing ran.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const files = (dir) => !existsSync(dir) ? [] : readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const attr = (tag, name) => Number((tag.match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [0, 0])[1]);

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2).flatMap(files)) {
  const xml = readFileSync(file, 'utf8');
  if (file.endsWith('.trx')) {
    const counters = xml.match(/<Counters\b[^>]*>/)?.[0] ?? '';
    passed += attr(counters, 'passed');
    failed += attr(counters, 'failed') + attr(counters, 'error') + attr(counters, 'timeout') + attr(counters, 'aborted');
    skipped += attr(counters, 'notExecuted');
    console.log(`${file}: ${attr(counters, 'passed')} passed, ${attr(counters, 'failed')} failed`);
  } else if (file.endsWith('.xml') && xml.includes('<testsuite')) {
    const root = xml.match(/<testsuites\b[^>]*>/)?.[0] ?? xml.match(/<testsuite\b[^>]*>/)?.[0] ?? '';
    const tests = attr(root, 'tests'), fail = attr(root, 'failures') + attr(root, 'errors'), skip = attr(root, 'skipped');
    passed += tests - fail - skip; failed += fail; skipped += skip;
    console.log(`${file}: ${tests - fail - skip} passed, ${fail} failed`);
  }
}
if (passed + failed === 0) { console.log('no test results found'); failed = 1; }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
