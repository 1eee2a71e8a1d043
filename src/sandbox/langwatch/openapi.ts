import type { Route } from "../backend.js";

/**
 * HEAD serves the whole LangWatch OpenAPI document without auth (research §1.1). The sandbox serves a
 * skeleton built from its own route table: enough for a client to discover the paths it emulates.
 */
export function openApiRoutes(routes: () => Route[]): Route[] {
  const document = () => {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of routes()) {
      if (r.public) continue;
      const path = r.path.replace(/:(\w+)/g, "{$1}");
      (paths[path] ??= {})[r.method.toLowerCase()] = { responses: { default: { description: "see the LangWatch API reference" } } };
    }
    return {
      openapi: "3.1.0",
      info: { title: "LangWatch API (gw sandbox, era b)", version: "sandbox" },
      components: { securitySchemes: { api_key: { type: "apiKey", in: "header", name: "X-Auth-Token" }, bearer: { type: "http", scheme: "bearer" } } },
      paths,
    };
  };
  return ["/api/gateway/v1/openapi.json", "/.well-known/openapi", "/api/openapi.json"].map(
    (path): Route => ({ method: "GET", path, public: true, handle: () => ({ status: 200, body: document() }) }),
  );
}
