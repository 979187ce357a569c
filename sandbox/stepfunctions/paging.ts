/**
 * List pagination for the sandbox's JSON services (Step Functions' `maxResults`/`nextToken`,
 * EventBridge's `Limit`/`NextToken`): a page of at most `limit` items and, when more follow, an
 * opaque token naming the last item served. The token is a cursor, not an offset, so items added
 * while a caller pages (new executions, listed newest first) neither repeat nor get skipped; it is
 * bound to the listing it came from (`scope`: the operation and its filters), and any other token
 * is refused — AWS answers a token it did not issue, or one issued for another listing, with an
 * error rather than a first page (Step Functions: `InvalidToken`).
 */
export interface PageRequest {
  limit: number;
  token: string | undefined;
}

export interface Page<T> {
  page: T[];
  nextToken?: string;
}

/** `undefined` when `request.token` is not a token this listing issued. */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number,
  request: PageRequest,
  scope: string,
): Page<T> | undefined {
  let start = 0;
  if (request.token !== undefined) {
    const after = decodeCursor(request.token, scope);
    if (after === undefined) return undefined;
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0) return undefined;
    start = index + 1;
  }
  const page = items.slice(start, start + request.limit);
  const last = page.at(-1);
  return start + request.limit < items.length && last !== undefined
    ? { page, nextToken: encodeCursor(scope, keyOf(last)) }
    : { page };
}

function encodeCursor(scope: string, after: string | number): string {
  return Buffer.from(JSON.stringify({ scope, after }), "utf8").toString("base64url");
}

function decodeCursor(token: string, scope: string): string | number | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      scope?: unknown;
      after?: unknown;
    };
    const after = cursor.after;
    if (cursor.scope === scope && (typeof after === "string" || typeof after === "number")) return after;
  } catch {
    // not a token of ours
  }
  return undefined;
}
