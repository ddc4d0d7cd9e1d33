// The Import data dialog's state: the published files chosen, the role mapping, and the plan of
// what they would change (worked out by src/io/nhs, never here or in the UI). Applying the plan is
// one edit of the workspace, so one Undo takes the whole import back.
import type { OpenWorkbook } from './open-workbook.svelte';
import { planImport, readNhsFile, type ImportPlan, type NhsFile, type RoleMapping } from '../io/nhs';

export class ImportManager {
  readonly #ws: OpenWorkbook;
  files = $state.raw<NhsFile[]>([]);
  /** Files refused, each with its message. */
  errors = $state.raw<string[]>([]);
  mapping = $state.raw<RoleMapping>({});
  reading = $state(false);
  plan = $derived.by((): ImportPlan | null => {
    const wb = this.#ws.workbook;
    return wb && this.files.length ? planImport(wb, this.files, this.mapping) : null;
  });

  constructor(ws: OpenWorkbook) {
    this.#ws = ws;
  }

  /** Staffed roles of the workbook, for the role mapping. */
  get roles(): { id: string; name: string }[] {
    return (this.#ws.workbook?.roles ?? []).filter((r) => r.group !== 'external').map((r) => ({ id: r.id, name: r.name }));
  }

  async add(list: Iterable<File>): Promise<void> {
    this.reading = true;
    try {
      const files = [...this.files];
      const errors: string[] = [];
      for (const f of list) {
        const read = readNhsFile(f.name, new Uint8Array(await f.arrayBuffer()));
        if (read.ok) files.push(read.file);
        else errors.push(read.message);
      }
      this.files = files;
      this.errors = errors;
    } finally {
      this.reading = false;
    }
  }

  remove(index: number): void {
    this.files = this.files.filter((_, i) => i !== index);
  }

  setRole(staffRole: string, role: string | null): void {
    this.mapping = { ...this.mapping, [staffRole]: role };
  }

  /** Applies the plan as one undoable edit; says what happened. */
  apply(): { ok: boolean; message: string } {
    const plan = this.plan;
    if (!plan || !plan.changed) return { ok: false, message: 'Nothing to change.' };
    const names = this.files.map((f) => f.fileName).join(', ');
    const result = this.#ws.apply(plan.edits, `Import ${names}`);
    if (result.refused.length) return { ok: false, message: `The import was not applied: ${result.refused[0].message}` };
    const values = plan.files.reduce((n, f) => n + f.changes.length, 0);
    const practices = plan.files.reduce((n, f) => n + f.newPractices.length, 0);
    const pcns = plan.files.reduce((n, f) => n + f.newPcns.length, 0);
    this.files = [];
    this.mapping = {};
    return { ok: true, message: `Imported ${names}: ${values} values changed, ${practices} new practices, ${pcns} new PCNs. Undo (Ctrl+Z) takes the whole import back.` };
  }
}
