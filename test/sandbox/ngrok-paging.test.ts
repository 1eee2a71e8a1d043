import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/sandbox/contract.js";
import { KEY, sandbox } from "./helpers.js";

const AUTH = { Authorization: `Bearer ${KEY}` };
const contract = loadContract("ngrok");

async function ngrok(seed: "demo" | "empty" | number) {
  const api = await sandbox({ backend: "ngrok", seed });
  return async (pathAndQuery: string) => {
    const r = await api.call("GET", pathAndQuery, undefined, AUTH);
    expect(contract.checkResponse("GET", "/providers", r.status, r.body)).toBeUndefined();
    return r;
  };
}

/** A nextPageUri's path and query, to request it again from the same sandbox. */
const relative = (uri: string) => {
  const u = new URL(uri);
  return `${u.pathname}${u.search}`;
};

describe("ngrok sandbox: paging (research §1.5)", () => {
  it("pages 250 providers as 100, 100, 50 in descending id order, with absolute nextPageUri", async () => {
    const get = await ngrok(250);
    const ids: string[] = [];
    const sizes: number[] = [];
    let next: string | null = "/providers";
    while (next) {
      const r = await get(next);
      sizes.push(r.body.aiGatewayProviders.length);
      ids.push(...r.body.aiGatewayProviders.map((p: { id: string }) => p.id));
      if (r.body.nextPageUri) {
        expect(r.body.nextPageUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/providers\?beforeId=aigp_\w+&limit=100$/);
        next = relative(r.body.nextPageUri);
      } else {
        next = null;
      }
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it("newest first: the last seeded provider leads, and a new one goes before it", async () => {
    const get = await ngrok(3);
    expect((await get("/providers")).body.aiGatewayProviders.map((p: { providerId: string }) => p.providerId)).toEqual([
      "provider-00003", "provider-00002", "provider-00001",
    ]);
  });

  it("honours limit, keeps it in nextPageUri, and ends with null when nothing is left", async () => {
    const get = await ngrok(10);
    const first = await get("/providers?limit=4");
    expect(first.body.aiGatewayProviders).toHaveLength(4);
    expect(first.body.nextPageUri).toMatch(/limit=4$/);
    const second = await get(relative(first.body.nextPageUri));
    const third = await get(relative(second.body.nextPageUri));
    expect(third.body.aiGatewayProviders).toHaveLength(2);
    expect(third.body.nextPageUri).toBeNull();
  });

  it("has no next page when the rest fits exactly, nor for an empty account", async () => {
    expect((await (await ngrok(100))("/providers")).body.nextPageUri).toBeNull();
    const empty = await (await ngrok("empty"))("/providers");
    expect(empty.body).toMatchObject({ aiGatewayProviders: [], nextPageUri: null });
  });

  it("takes any beforeId as a position, existing or not", async () => {
    const get = await ngrok(5);
    const all: string[] = (await get("/providers")).body.aiGatewayProviders.map((p: { id: string }) => p.id);
    const after2 = await get(`/providers?beforeId=${all[1]}`);
    expect(after2.body.aiGatewayProviders.map((p: { id: string }) => p.id)).toEqual(all.slice(2));
    const between = `${all[1]!.slice(0, -1)}0`; // sorts just below all[1], above all[2]
    expect((await get(`/providers?beforeId=${between}`)).body.aiGatewayProviders.map((p: { id: string }) => p.id)).toEqual(all.slice(2));
    expect((await get("/providers?beforeId=aigp_0")).body).toMatchObject({ aiGatewayProviders: [], nextPageUri: null });
    expect((await get("/providers?beforeId=")).body.aiGatewayProviders).toHaveLength(5);
  });

  it("refuses a limit outside 1..100 or not an integer with 400", async () => {
    const get = await ngrok(5);
    for (const limit of ["0", "101", "abc", "2.5"]) {
      const r = await get(`/providers?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.msg).toMatch(/query parameter limit/);
    }
  });
});
