"use client";
import { TagInput } from "@/components/ui/tag-input";
import { itemToTag, itemsToTags, tagsToItems } from "@/components/forms/form-values";

/** Tags as `key:value` chips: the one tag editor of every resource form. */
export function TagsField({
  value,
  onChange,
  onBlur,
  ...aria
}: {
  value: Record<string, string> | undefined;
  onChange: (tags: Record<string, string>) => void;
  onBlur?: () => void;
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}) {
  return (
    <TagInput
      {...aria}
      value={tagsToItems(value)}
      onChange={(items) => onChange(itemsToTags(items))}
      onBlur={onBlur}
      itemLabel="tag"
      placeholder="Add a tag, e.g. team:platform"
      normalize={(s) => {
        const [k, v] = itemToTag(s);
        return v ? `${k}:${v}` : k;
      }}
      validate={(item, existing) => {
        const [key] = itemToTag(item);
        if (!key) return "A tag needs a key before the colon";
        if (/\s/.test(key)) return "Tag keys cannot contain spaces";
        if (key.length > 128) return "Tag keys have at most 128 characters";
        if (existing.some((e) => itemToTag(e)[0] === key))
          return `A tag "${key}" is already set; remove it first to change its value`;
        return undefined;
      }}
    />
  );
}
