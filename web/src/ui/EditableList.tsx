import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { useToast } from './Toast';

export interface EditableColumn {
  header: ReactNode;
  className?: string;
}

interface EditableListProps<T, D, N> {
  columns: readonly EditableColumn[];
  items: readonly T[];
  /** Changes when the server's values change, so a saved row starts over from them. */
  itemKey: (item: T) => string;
  /** The list's own query state: its error above the table, the empty row once it loaded. */
  loadError?: unknown;
  loaded: boolean;
  emptyText: string;
  /** The values a row edits, from the item. */
  draftOf: (item: T) => D;
  /** One cell per column (the actions column excluded). */
  cells: (item: T, draft: D, setDraft: (next: D) => void) => ReactNode[];
  /** Saving is offered once a row differs from its item and is complete. */
  canSave: (item: T, draft: D) => boolean;
  save: (item: T, draft: D) => Promise<unknown>;
  savedMessage?: string;
  remove: (item: T) => Promise<unknown>;
  /** Asked before deleting, e.g. "'VIP' 등급을 삭제할까요?". */
  removeQuestion: (item: T) => string;
  /** Why this item cannot be deleted, known before asking (the server would refuse it anyway): said instead of the question. */
  removeRefusal?: (item: T) => string | null;
  /** More buttons of a row, before 삭제, and what shows under them. */
  rowActions?: (item: T) => ReactNode;
  rowClassName?: (item: T) => string | undefined;
  /** The add form under the table. */
  newDraft: () => N;
  newFields: (draft: N, setDraft: (next: N) => void) => ReactNode;
  canAdd: (draft: N) => boolean;
  add: (draft: N) => Promise<unknown>;
  addLabel: string;
  addDisabled?: boolean;
  /** After any change: refresh what shows these items. */
  onChanged: () => void;
}

/**
 * A settings list whose rows are edited in place (grades, tags, memo types,
 * departments …): a table of rows with 저장 and 삭제, and an add form under it.
 */
export function EditableList<T, D, N>(props: EditableListProps<T, D, N>) {
  const { columns, items, itemKey, loadError, loaded, emptyText } = props;
  return (
    <>
      {loadError ? <p className="form-error">{errorMessage(loadError)}</p> : null}
      <table className="table">
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} className={column.className}>
                {column.header}
              </th>
            ))}
            <th className="col-actions" />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <EditableRow key={itemKey(item)} item={item} {...props} />
          ))}
          {loaded && items.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="muted center">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <AddForm {...props} />
    </>
  );
}

function EditableRow<T, D, N>({ item, draftOf, cells, canSave, save, savedMessage, remove, removeQuestion, removeRefusal, rowActions, rowClassName, onChanged }: EditableListProps<T, D, N> & { item: T }) {
  const toast = useToast();
  const [draft, setDraft] = useState(() => draftOf(item));
  const saving = useMutation({
    mutationFn: () => save(item, draft),
    onSuccess: () => {
      onChanged();
      if (savedMessage) toast(savedMessage, 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const removing = useMutation({
    mutationFn: () => remove(item),
    onSuccess: onChanged,
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr className={rowClassName?.(item)}>
      {cells(item, draft, setDraft).map((cell, index) => (
        <td key={index}>{cell}</td>
      ))}
      <td>
        <div className="row-actions">
          <button type="button" className="btn btn-sm" disabled={!canSave(item, draft) || saving.isPending} onClick={() => saving.mutate()}>
            저장
          </button>
          {rowActions?.(item)}
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={removing.isPending}
            onClick={() => {
              const refusal = removeRefusal?.(item);
              if (refusal) toast(refusal, 'error');
              else if (window.confirm(removeQuestion(item))) removing.mutate();
            }}
          >
            삭제
          </button>
        </div>
      </td>
    </tr>
  );
}

function AddForm<T, D, N>({ newDraft, newFields, canAdd, add, addLabel, addDisabled, onChanged }: EditableListProps<T, D, N>) {
  const toast = useToast();
  const [draft, setDraft] = useState(newDraft);
  const adding = useMutation({
    mutationFn: () => add(draft),
    onSuccess: () => {
      setDraft(newDraft());
      onChanged();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canAdd(draft) && !addDisabled) adding.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      {newFields(draft, setDraft)}
      <button type="submit" className="btn btn-primary" disabled={addDisabled || !canAdd(draft) || adding.isPending}>
        {addLabel}
      </button>
    </form>
  );
}
