import { describe, expect, it } from "vitest";
import { BASIC, BEARER, bifrost, errorBody, KEY } from "./bifrost-helpers.js";

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

describe("Bifrost sandbox: dashboard auth", () => {
  it("checks nothing when auth is off", async () => {
    const api = await bifrost({ bifrostAuth: "none" });
    expect((await api.get("/api/providers", {})).status).toBe(200);
    expect((await api.get("/api/providers", { Authorization: "Bearer whatever" })).status).toBe(200);
  });

  it("with Bearer, takes exactly the key", async () => {
    const api = await bifrost({ bifrostAuth: "bearer" });
    expect((await api.get("/api/providers", BEARER)).status).toBe(200);
    expect(await api.get("/api/providers", {})).toEqual({ status: 401, body: errorBody(401, "Unauthorized: authentication required") });
    expect((await api.get("/api/providers", { Authorization: "Bearer wrong" })).status).toBe(401);
    expect((await api.get("/api/providers", BASIC)).status).toBe(401);
  });

  it("with Basic, takes admin and the key as password", async () => {
    const api = await bifrost({ bifrostAuth: "basic" });
    expect((await api.get("/api/providers", BASIC)).status).toBe(200);
    expect((await api.get("/api/providers", basic("root", KEY))).body).toEqual(errorBody(401, "Unauthorized: invalid username or password"));
    expect((await api.get("/api/providers", basic("admin", "nope"))).status).toBe(401);
    expect((await api.get("/api/providers", BEARER)).status).toBe(401);
  });

  it("checks auth before routing: an unknown path without credentials is 401, with them 404", async () => {
    const api = await bifrost();
    expect((await api.get("/api/nothing", {})).status).toBe(401);
    expect(await api.get("/api/nothing")).toEqual({ status: 404, body: errorBody(404, "Route not found: GET /api/nothing") });
  });
});
