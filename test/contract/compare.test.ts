import { describe, expect, it } from "vitest";
import { compareContracts } from "./compare.js";

/** A vendor-style OpenAPI 3.0 document with one PATCH operation. */
const vendor = {
  openapi: "3.0.3",
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      patch: {
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Update" } } } },
        responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Update: {
        type: "object",
        additionalProperties: false,
        properties: {
          name: { type: "string", nullable: true, minLength: 1, maxLength: 255 },
          limit: { type: "integer", minimum: 0, exclusiveMinimum: true },
          kind: { type: "string", enum: ["a", "b"] },
        },
      },
      Thing: { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" }, extra: { type: "string" } } },
    },
  },
};

/** The same contract written as gw writes its own: OpenAPI 3.1, nullability as a type array. */
function ours(patchSchema: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    paths: {
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        patch: {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    name: { type: ["string", "null"], minLength: 1, maxLength: 255 },
                    limit: { type: "integer", exclusiveMinimum: 0 },
                    kind: { type: "string", enum: ["b", "a"] },
                    ...patchSchema,
                  },
                },
              },
            },
          },
          responses: { "200": { content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } } },
        },
      },
      ...extra,
    },
  };
}

const failures = (doc: unknown) => compareContracts(doc as Record<string, unknown>, vendor).filter((f) => !f.declared);

describe("compareContracts", () => {
  it("finds nothing when the contracts agree (3.0 nullable = 3.1 type array; exclusiveMinimum both ways; response subset)", () => {
    expect(failures(ours())).toEqual([]);
  });

  it("reports a property the vendor does not have, a wrong type, a changed bound and a changed enum", () => {
    const found = failures(ours({ colour: { type: "string" }, kind: { type: "string", enum: ["a"] }, name: { type: "string", minLength: 1, maxLength: 255 } }));
    const text = found.map((f) => `${f.where}: ${f.message}`).join("\n");
    expect(text).toContain("body.colour: not in the shared spec");
    expect(text).toContain("body.kind: enum");
    expect(text).toContain("body.name: type string vs null|string");
  });

  it("reports an operation the vendor does not have, unless it is declared with x-gw-source", () => {
    const extra = { "/version": { get: { responses: {} } } };
    expect(failures(ours({}, extra)).map((f) => f.where)).toEqual(["GET /version"]);
    const declared = { "/version": { get: { "x-gw-source": "research §2.1", responses: {} } } };
    expect(failures(ours({}, declared))).toEqual([]);
  });

  it("reports a missing vendor property and a dropped additionalProperties: false", () => {
    const doc = ours();
    const schema = (doc.paths["/things/{id}"].patch.requestBody.content["application/json"].schema as Record<string, unknown>);
    delete (schema.properties as Record<string, unknown>).kind;
    delete schema.additionalProperties;
    const text = failures(doc).map((f) => `${f.where}: ${f.message}`).join("\n");
    expect(text).toContain("body.kind: property of the shared spec is missing");
    expect(text).toContain("body: additionalProperties");
  });
});
