#!/usr/bin/env node
// A fresh clone has nothing beside it and no build machine's folders: fail when a
// tracked file points at the team's shared folder or at a machine's absolute path.
// The patterns are assembled so that this file does not match itself.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sibling = ['\\.\\.', 'shared'].join('/');
// Home and workspace roots of a machine; system paths such as /usr/bin/chromium are tools, not files of ours.
const roots = ['work', 'home', 'root', 'Users', 'tmp', 'mnt'].join('|');
const bad = new RegExp(`${sibling}|(^|[\\s"'\`(=:])/(${roots})/[\\w.-]|[A-Za-z]:\\\\(Users|work)\\\\`);
const skip = /(^|\/)package-lock\.json$|\.(png|jpe?g|gif|ico|webp|zip)$/;

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f && !skip.test(f));
const hits = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree but still tracked
  }
  text.split('\n').forEach((line, i) => {
    if (bad.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
  });
}
if (hits.length) {
  console.error('Tracked files point outside the repository (a fresh clone cannot follow them):');
  for (const h of hits) console.error(`  ${h}`);
  process.exit(1);
}
console.log(`check-paths: ${files.length} tracked files, none points outside the repository`);
