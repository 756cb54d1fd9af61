import { emptyDraft, type Draft } from './draft.js';
export async function importPdf(_data: Uint8Array): Promise<Draft> {
  const d = emptyDraft();
  d.notes.push('pdf: not yet');
  return d;
}
