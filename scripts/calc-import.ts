// The command line's --import: reads each published file, plans the import against the workbook,
// checks the result as the app does, and gives the summary (text, or JSON with --format json).
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Workbook } from '../src/model/schema';
import { checkWorkbook, describeProblems } from '../src/model/validate';
import { describePlan, planImport, readNhsFile, type NhsFile, type RoleMapping } from '../src/io/nhs';

export function importFiles(wb: Workbook, paths: readonly string[], maps: readonly string[], format: 'json' | 'text'): { ok: true; workbook: Workbook; summary: string } | { ok: false; message: string } {
  const mapping: RoleMapping = {};
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    if (eq < 1) return { ok: false, message: `--map '${m}' should read 'STAFF ROLE=role id' (or 'STAFF ROLE=' for not imported)` };
    const role = m.slice(eq + 1).trim();
    if (role && !wb.roles.some((r) => r.id === role && r.group !== 'external')) return { ok: false, message: `--map '${m}': '${role}' is not a staffed role of this workbook (${wb.roles.filter((r) => r.group !== 'external').map((r) => r.id).join(', ')})` };
    mapping[m.slice(0, eq).trim()] = role || null;
  }
  const files: NhsFile[] = [];
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      if (!statSync(path).isFile()) return { ok: false, message: `${path}: is not a file` };
      bytes = readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { ok: false, message: code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? String(err)})` };
    }
    const read = readNhsFile(basename(path), bytes);
    if (!read.ok) return { ok: false, message: read.message };
    files.push(read.file);
  }
  const plan = planImport(wb, files, mapping);
  const problems = checkWorkbook(plan.workbook);
  if (problems.length) return { ok: false, message: `the import would leave the workbook inconsistent: ${describeProblems(problems)}` };
  const summary = format === 'json' ? JSON.stringify({ files: plan.files, roleMapping: plan.roleMapping, changed: plan.changed }, null, 2) + '\n' : describePlan(plan);
  return { ok: true, workbook: plan.workbook, summary };
}
