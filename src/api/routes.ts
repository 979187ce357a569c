/**
 * The HTTP API's routes: one table the handler dispatches on, serverless.yml's `httpApi` events
 * mirror (a package test holds them together) and `schemas/openapi.yaml` documents (a test holds
 * them together too). Every route is IAM-authorized (SigV4) by API Gateway.
 */
export const ROUTES = [
  { method: "POST", path: "/grants", operation: "createGrant" },
  { method: "GET", path: "/grants", operation: "listGrants" },
  { method: "GET", path: "/grants/{cluster}/{namespace}/{serviceAccount}", operation: "getGrant" },
  { method: "DELETE", path: "/grants/{cluster}/{namespace}/{serviceAccount}", operation: "deleteGrant" },
  { method: "GET", path: "/catalog", operation: "getCatalog" },
] as const;

export type Route = (typeof ROUTES)[number];
export type Operation = Route["operation"];

/** The route a method and path name, with the path's parameters; `undefined` when none does. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { pathExists: boolean } {
  let pathExists = false;
  const segments = path.split("/");
  for (const route of ROUTES) {
    const pattern = route.path.split("/");
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? "";
      if (part.startsWith("{") && part.endsWith("}")) {
        if (segment === "") return false;
        params[part.slice(1, -1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    pathExists = true;
    if (route.method === method.toUpperCase()) return { route, params };
  }
  return { pathExists };
}
