import type { Verb } from "../backends/backend.js";
import type { FlagSpec } from "./flag-spec.js";
import { CREATE_FLAGS as GATEWAY_CREATE_FLAGS } from "./gateways/create.js";
import { DELETE_FLAGS as GATEWAY_DELETE_FLAGS } from "./gateways/delete.js";
import { LIST_FLAGS as GATEWAY_LIST_FLAGS } from "./gateways/list.js";
import { UPDATE_FLAGS as GATEWAY_UPDATE_FLAGS } from "./gateways/update.js";
import { BIND_FLAGS, UPDATE_FLAGS } from "./providers/binding-flags.js";
import { ADD_FLAGS as KEY_ADD_FLAGS, ROTATE_FLAGS as KEY_ROTATE_FLAGS, UPDATE_FLAGS as KEY_UPDATE_FLAGS } from "./providers/keys/flags.js";
import { CREATE_FLAGS as VK_CREATE_FLAGS, UPDATE_FLAGS as VK_UPDATE_FLAGS } from "./vk/key-flags.js";

/** The verb-specific flags (their declarations), for the `gw backends` matrix. */
export const VERB_FLAGS: Partial<Record<Verb, readonly FlagSpec<never>[]>> = {
  "providers bind": BIND_FLAGS,
  "providers update": UPDATE_FLAGS,
  "providers keys add": KEY_ADD_FLAGS,
  "providers keys update": KEY_UPDATE_FLAGS,
  "providers keys rotate": KEY_ROTATE_FLAGS,
  "vk create": VK_CREATE_FLAGS,
  "vk update": VK_UPDATE_FLAGS,
  "gateways list": GATEWAY_LIST_FLAGS,
  "gateways create": GATEWAY_CREATE_FLAGS,
  "gateways update": GATEWAY_UPDATE_FLAGS,
  "gateways delete": GATEWAY_DELETE_FLAGS,
};
