import { useMemo, useState } from "react";
import type { ChangeField, InputChange, Lang } from "../../core";
import { ModelSection } from "../components/Modelling";
import type { PaneText } from "../../i18n/text";
import { addChange, invalidInput, modelView, whatIfInFile } from "../modelling";
import type { FileResult } from "./batch";

// What-if on a loaded file (SPEC §4.17): the figures follow the changes at once, and the file's
// download holds them as the cells' values. Loaded with the row's details (a chunk of its own).

export interface FileModelProps {
  readonly result: Extract<FileResult, { kind: "ok" }>;
  readonly changes: readonly InputChange[];
  readonly onChanges: (changes: readonly InputChange[]) => void;
  readonly lang: Lang;
  readonly t: PaneText;
}

export function FileModel({
  result,
  changes,
  onChanges,
  lang,
  t,
}: FileModelProps) {
  const [search, setSearch] = useState("");
  const { shown, base } = useMemo(
    () => whatIfInFile(result, changes),
    [result, changes],
  );
  const view = useMemo(
    () => modelView(shown, base, changes, search, lang),
    [shown, base, changes, search, lang],
  );
  const onInput = (
    sheet: string,
    line: string,
    field: ChangeField,
    text: string,
  ) => {
    const next = addChange(changes, sheet, line, field, text);
    if (!next) return invalidInput(field, lang, t);
    onChanges(whatIfInFile(result, next).changes);
    return null;
  };
  return (
    <ModelSection
      view={view}
      t={t}
      search={search}
      onSearch={setSearch}
      onInput={onInput}
      onReset={() => onChanges([])}
    />
  );
}
