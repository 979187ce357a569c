/**
 * Tags of a role or an association against the grant's: pure, shared by the role and association
 * diffs so that "the tags match" means one thing for both.
 */
export interface TagDiff {
  /** The grant's tags the resource lacks or carries with another value, in the grant's order. */
  set: Record<string, string>;
  /** Keys the resource carries that the grant does not define (never AWS's own, never an ownership tag). */
  remove: string[];
}

/**
 * Keys starting with `aws:`, in any case, are reserved for AWS and cannot be set or removed by
 * anyone else (Tagging AWS resources, "Best practices and requirements"): they are never diffed.
 */
const isAwsTag = (key: string): boolean => key.toLowerCase().startsWith("aws:");

// Own properties only: a tag may be called `constructor` or `toString`.
const has = (tags: Record<string, string>, key: string, value: string): boolean =>
  Object.hasOwn(tags, key) && tags[key] === value;

/**
 * `kept` are keys never reported as extra even when `desired` lacks them: the ownership tags. The
 * functions' IAM permissions and the ownership test depend on them, so removing one (say, because an
 * older desired state did not define the owner tag yet) would take the resource away from its grant.
 */
export function diffTags(
  desired: Record<string, string>,
  actual: Record<string, string>,
  kept: ReadonlySet<string>,
): TagDiff {
  const set = Object.fromEntries(
    Object.entries(desired).filter(([key, value]) => !isAwsTag(key) && !has(actual, key, value)),
  );
  const remove = Object.keys(actual).filter(
    (key) => !Object.hasOwn(desired, key) && !isAwsTag(key) && !kept.has(key),
  );
  return { set, remove };
}
