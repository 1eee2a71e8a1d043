import { AsyncEntry } from "@napi-rs/keyring";
const e = new AsyncEntry("gw-try", "p1", { linux: { store: "secret-service" } });
const t = Date.now();
try { await e.setPassword("secret-value-123"); console.log("get:", await e.getPassword()); console.log("del:", await e.deletePassword()); console.log("after:", await e.getPassword()); } catch (err) { console.log("ERR", err.constructor.name, err.code, err.message); }
console.log(Date.now()-t, "ms");
