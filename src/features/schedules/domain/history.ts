/** One field's change in a history row. Staff, department and customer keep ids and the names of that moment. */
export interface FieldChange {
  from: string | null;
  to: string | null;
  fromId?: string | null;
  toId?: string | null;
}
export type Changes = Record<string, FieldChange>;

/** How a memo reads in the history: "시술 메모: 시술 후 붉은기". */
export function memoLabel(memoTypeName: string, body: string): string {
  return `${memoTypeName}: ${body}`;
}
