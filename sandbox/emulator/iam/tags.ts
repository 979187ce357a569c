import { duplicateTagKeys, quotaExceeded, reservedTagKey } from "./errors.ts";
import type { Input } from "./input.ts";
import { IAM_LIMITS, RESERVED_TAG_KEY_PREFIX } from "./limits.ts";
import type { Outcome } from "./operation.ts";
import { paginate } from "./pagination.ts";
import type { IamAccount, Tag } from "./state.ts";

/** Tags: the rules every tagged IAM entity shares, and the role tag operations. */

/**
 * Tags a request adds, checked as IAM checks them: no key with the reserved `aws:` prefix, no two
 * keys that differ only in case ("Tag keys are case insensitive").
 */
export function checkedTags(tags: readonly Tag[]): Tag[] {
  if (tags.some((tag) => tag.Key.toLowerCase().startsWith(RESERVED_TAG_KEY_PREFIX))) throw reservedTagKey();
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  if (keys.size !== tags.length) throw duplicateTagKeys();
  return [...tags];
}

/** Tags merged by key, case-insensitively, keeping each key's place; at most 50 (`quota` names IAM's quota). */
function mergedTags(existing: readonly Tag[], added: readonly Tag[], quota: string): Tag[] {
  const merged = existing.map((tag) => ({ ...tag }));
  for (const tag of checkedTags(added)) {
    const same = merged.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (same) Object.assign(same, tag);
    else merged.push({ ...tag });
  }
  if (merged.length > IAM_LIMITS.tagsPerResource) throw quotaExceeded(quota, IAM_LIMITS.tagsPerResource);
  return merged;
}

export function tagRole(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  role.tags = mergedTags(role.tags, input.tags("Tags") ?? [], "TagsPerRole");
  return undefined;
}

export function untagRole(account: IamAccount, input: Input): Outcome | undefined {
  const role = account.role(input.required("RoleName"));
  const removed = new Set((input.list("TagKeys") ?? []).map((key) => key.toLowerCase()));
  role.tags = role.tags.filter((tag) => !removed.has(tag.Key.toLowerCase()));
  return undefined;
}

export function listRoleTags(account: IamAccount, input: Input): Outcome {
  const role = account.role(input.required("RoleName"));
  const { page: tags, ...more } = paginate(role.tags, (t) => t.Key.toLowerCase(), input);
  return { result: { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), ...more } };
}
