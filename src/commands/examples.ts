/**
 * The examples of every command's help (gh's EXAMPLES section), in one table so no verb file has to carry
 * them: command path ("" = gw itself, "providers update") -> 2-4 command lines, each with what it does.
 * program.ts appends them to the help as "Examples:", `gw help reference` puts them in docs/reference/,
 * and test/e2e/help.test.ts runs each line's gw argv through the parser (flags must exist, required
 * flags and arguments be given, and the line must reach the command it is listed under).
 *
 * Plain data, loaded on every start: keep it free of imports.
 */
export interface Example {
  /** A shell line; its `gw ...` part(s) must parse. Pipes and redirections are fine. */
  run: string;
  /** What it does, one short line. */
  does: string;
}

const ex = (run: string, does: string): Example => ({ run, does });

export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  "": [
    ex("printenv LANGWATCH_KEY | gw profile add prod --base-url https://app.langwatch.ai --api-key-stdin", "add a profile; the key comes from stdin, never argv"),
    ex("gw providers list", "the provider bindings of the current profile, in fallback order"),
    ex("gw providers update b1 --rpm 600", "raise one binding's rate limit"),
    ex("gw help providers update", "the help of one command"),
  ],

  profile: [
    ex("gw profile add prod --base-url https://app.langwatch.ai", "add a profile (asks for the key in a terminal)"),
    ex("gw profile list", "every profile; * marks the current one"),
    ex("gw profile use prod", "make prod the current profile"),
  ],
  "profile add": [
    ex("printenv LANGWATCH_KEY | gw profile add prod --base-url https://app.langwatch.ai --api-key-stdin", "a LangWatch project; the key comes from stdin"),
    ex("gw profile add local --backend bifrost --base-url http://localhost:8080 --no-api-key", "a Bifrost gateway with auth off"),
    ex("printenv BIFROST_ADMIN | gw profile add dash --backend bifrost --base-url https://bifrost.internal --auth basic --api-key-stdin", "Bifrost dashboard auth: the key is user:password"),
    ex("printenv COREWEAVE_TOKEN | gw profile add cw --backend coreweave --base-url https://api.coreweave.com --api-key-stdin --force", "replace a CoreWeave profile of that name"),
  ],
  "profile list": [
    ex("gw profile list", "every profile, keys masked"),
    ex("gw profile ls -o json", "the same as JSON (keys still masked)"),
  ],
  "profile use": [
    ex("gw profile use prod", "make prod the current profile"),
    ex("gw profile use local", "back to the sandbox profile"),
  ],
  "profile show": [
    ex("gw profile show", "the profile gw would use now, GW_* overrides applied"),
    ex("gw profile show prod -o json", "one stored profile as JSON"),
  ],
  "profile migrate-keys": [
    ex("gw profile migrate-keys", "move every key kept in the config file into the OS keychain"),
    ex("gw profile migrate-keys prod --to-file", "move one profile's key back into the config file (mode 0600)"),
  ],
  "profile remove": [
    ex("gw profile remove staging", "remove a profile and its stored key"),
    ex("gw profile rm local", "the same, by its alias"),
  ],
  status: [
    ex("gw status", "check the current profile: reach the control plane, check the key, name the server"),
    ex("gw status --all", "every stored profile; the exit code is the worst (3 key refused, 6 unreachable)"),
    ex("gw status --profile prod -o json", "one profile as a JSON record, for scripts"),
  ],

  providers: [
    ex("gw providers list", "every binding, in fallback order"),
    ex("gw providers update b1 --rpm 600", "raise a binding's rate limit"),
    ex("gw providers bind --provider mistral --base-url https://api.mistral.ai --rpm 100", "Bifrost: add a provider with a limit"),
  ],
  "providers list": [
    ex("gw providers list", "every binding, disabled ones included (dimmed on a terminal)"),
    ex("gw providers list -o json", "gw's normalized records, for scripts"),
    ex("gw providers ls --raw", "the control plane's own JSON"),
  ],
  "providers get": [
    ex("gw providers get b1", "one LangWatch binding"),
    ex("gw providers get openai -o yaml", "Bifrost: by provider name, as YAML"),
    ex("gw providers get my-ollama --raw", "ngrok: by providerId, the server's own body"),
    ex("gw providers get openai/primary", "LangWatch: a binding by provider/slot"),
  ],
  "providers bind": [
    ex("gw providers bind --provider mp_openai --slot primary --rpm 600 --fallback-priority 10", "LangWatch: bind a model provider with a limit and a priority"),
    ex("gw providers bind --provider mistral --base-url https://api.mistral.ai --rpm 100 --tpm 50000", "Bifrost: add a provider with its limits"),
    ex('gw providers bind --provider-id my-ollama --name "Local Ollama" --base-url https://my-ollama.internal --model llama3.2', "ngrok: register a custom provider"),
    ex("gw providers bind", "in a terminal: a wizard asks for the rest"),
  ],
  "providers update": [
    ex("gw providers update b1 --rpm 600 --tpm 100000", "raise a binding's limits; other fields stay as they are"),
    ex("gw providers update b1 --unset rpd --unset headers", "clear fields (limits then inherit)"),
    ex("gw providers update openai --max-retries 4 --request-timeout 90", "Bifrost: upstream retries and timeout"),
    ex("gw providers update my-ollama --model llama3.2 --model llama3.3 --dry-run", "ngrok: replace the model set; print the request, send nothing"),
  ],
  "providers disable": [
    ex("gw providers disable b1", "disable a binding"),
    ex("gw providers disable b1 --dry-run", "print the request instead of sending it"),
  ],
  "providers enable": [
    ex("gw providers enable openai", "re-enable a disabled provider"),
    ex("gw providers enable openai -q", "print only its id"),
  ],
  "providers delete": [
    ex("gw providers delete my-vllm", "delete a provider (asks first in a terminal)"),
    ex("gw providers delete my-ollama --yes", "without asking, as a script must"),
  ],
  "providers available": [
    ex("gw providers available", "LangWatch: the model providers a binding can wrap, enabled or not, and the slots taken"),
    ex("gw providers available --all -o json", "registry defaults never stored too, as JSON"),
  ],

  "providers keys": [
    ex("gw providers keys list openai", "a provider's upstream keys (values never shown)"),
    ex("printenv OPENAI_API_KEY | gw providers keys add openai --value-stdin --name primary", "add an upstream key; its value comes from stdin"),
  ],
  "providers keys list": [
    ex("gw providers keys list openai", "Bifrost: the keys of one provider"),
    ex("gw providers keys ls -o json", "ngrok: every key, as JSON"),
  ],
  "providers keys add": [
    ex("printenv OPENAI_API_KEY | gw providers keys add openai --value-stdin --name primary", "add a key; its value comes from stdin"),
    ex("printenv OPENAI_API_KEY_2 | gw providers keys add openai --value-stdin --name mini --weight 0.3 --model gpt-4o-mini", "Bifrost: a key for 30% of one model's traffic"),
  ],
  "providers keys update": [
    ex("gw providers keys update openai key-1 --weight 0.7", "Bifrost: shift traffic to a key"),
    ex("gw providers keys update openai key-1 --disable", "Bifrost: stop using a key, keep it configured"),
    ex("printenv NEW_OPENAI_KEY | gw providers keys update openai key-1 --value-stdin", "replace a key's secret value"),
  ],
  "providers keys rotate": [
    ex("printenv NEW_OLLAMA_TOKEN | gw providers keys rotate my-ollama aigpk_01KT --value-stdin", "ngrok: a new value for a key, same id and name"),
    ex("GW_PROVIDER_KEY=\"$NEW_OLLAMA_TOKEN\" gw providers keys rotate my-ollama aigpk_01KT -q", "the value from the environment; prints only the id"),
  ],
  "providers keys remove": [
    ex("gw providers keys remove openai key-1", "remove a key (asks first in a terminal)"),
    ex("gw providers keys rm openai key-1 --yes", "without asking"),
  ],

  vk: [
    ex("gw vk list", "every virtual key, revoked ones included"),
    ex("gw vk create --name prod-chat --chain b1 b2", "a key whose chain is b1, then b2"),
    ex("gw vk rotate vk_299F", "a new secret; the old one works for 24 h"),
  ],
  "vk list": [
    ex("gw vk list", "every virtual key with its chain and limits"),
    ex("gw vk ls -o json", "as JSON"),
  ],
  "vk get": [
    ex("gw vk get vk_299F", "one virtual key"),
    ex("gw vk get vk_299F -o yaml", "as YAML"),
    ex("gw vk get prod-chat", "by name"),
  ],
  "vk create": [
    ex("gw vk create --name prod-chat --chain b1 b2 --rpm 600", "LangWatch: a key with a fallback chain, primary first; the secret is printed once"),
    ex("gw vk create --name batch --provider openai:0.7:gpt-4o --provider anthropic:0.3 --budget 100/1M", "Bifrost: weighted providers and a $100 monthly budget"),
    ex('gw vk create --name ci --description "CI smoke tests" -q', "print only the id and the secret, tab-separated"),
  ],
  "vk update": [
    ex("gw vk update vk_299F --rpm 1200 --unset rpd", "change one limit, clear another"),
    ex("gw vk update vk_299F --chain b2 b1", "LangWatch: replace the chain"),
    ex("gw vk update vk_299F --provider openai:1 --team team-ml", "Bifrost: replace the providers, move to a team"),
  ],
  "vk rotate": [
    ex("gw vk rotate vk_299F", "a new secret, printed once"),
    ex("gw vk rotate vk_299F -q", "the id and the new secret, tab-separated"),
  ],
  "vk revoke": [
    ex("gw vk revoke vk_299F", "revoke for good (asks first in a terminal)"),
    ex("gw vk revoke vk_299F --yes", "without asking, as a script must"),
    ex("gw vk revoke vk_299F --dry-run", "print the request, send nothing"),
  ],
  "vk disable": [
    ex("gw vk disable vk_299F", "disable, reversibly"),
    ex("gw vk disable vk_299F --dry-run", "print the request, send nothing"),
  ],
  "vk enable": [
    ex("gw vk enable vk_299F", "enable a disabled key"),
    ex("gw vk enable vk_299F -o json", "and print it as JSON"),
  ],
  "vk delete": [
    ex("gw vk delete vk_299F", "delete (asks first in a terminal)"),
    ex("gw vk delete vk_299F --yes", "without asking"),
  ],

  chain: [
    ex("gw chain vk_299F", "a key's fallback chain (gw chain show)"),
    ex("gw chain set vk_299F b1 b2 b3", "replace it with exactly these bindings"),
  ],
  "chain show": [
    ex("gw chain vk_299F", "the chain, in the order the gateway walks it"),
    ex("gw chain show vk_299F -o json", "the ordered hops as binding records"),
  ],
  "chain set": [
    ex("gw chain set vk_299F b1 b2", "b1 first, then b2"),
    ex("gw chain set vk_299F b2 b1 --dry-run", "print the request, send nothing"),
  ],

  limits: [
    ex("gw limits", "every rate limit, with what cannot take effect"),
    ex("gw limits -o json", "as JSON"),
    ex("gw --profile prod limits", "of another profile"),
  ],

  gateways: [
    ex("gw gateways zones", "where a gateway can be placed"),
    ex("gw gateways create --name chat --zone US-EAST-04A --wait", "create one and wait until it is ready"),
    ex("gw gateways list", "every gateway, oldest first"),
  ],
  "gateways list": [
    ex("gw gateways list", "every gateway, oldest first"),
    ex("gw gateways ls --updated-after 2026-11-01T00:00:00Z -o json", "those changed since November, as JSON"),
  ],
  "gateways get": [
    ex("gw gateways get 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c", "one gateway"),
    ex("gw gateways get 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c --raw", "CoreWeave's own {spec, status} body"),
    ex("gw gateways get chat-prod", "by name"),
  ],
  "gateways create": [
    ex("gw gateways create --name chat --zone US-EAST-04A --wait", "CoreWeave IAM, body routing; wait until ready"),
    ex("gw gateways create --name eval --zone US-WEST-09B --header-name x-model --auth wandb --wandb-api-key-stdin < wandb-key.txt", "W&B auth, the model named by a header"),
    ex("gw gateways create --name batch --zone US-EAST-04A --routing path --dns llm.example.com -q", "path routing, an extra DNS name; print only the id"),
  ],
  "gateways update": [
    ex("gw gateways update 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c --routing path --wait", "switch to path routing and wait"),
    ex("gw gateways update 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c --dns a.example.com --dns b.example.com", "the DNS names are now exactly these"),
  ],
  "gateways delete": [
    ex("gw gateways delete 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c --yes --wait", "delete without asking and wait until it is gone"),
    ex("gw gateways delete 3f2c9a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c --dry-run", "print the request, send nothing"),
  ],
  "gateways zones": [
    ex("gw gateways zones", "the zones for --zone"),
    ex("gw gateways zones -o json", "as JSON"),
  ],

  export: [
    ex("gw export --file gateway.yaml", "the profile's whole configuration, no secrets"),
    ex("gw export -o json > gateway.json", "as JSON, on stdout"),
    ex("gw --profile prod export | gw --profile staging diff -f -", "compare two environments"),
  ],
  diff: [
    ex("gw diff -f gateway.yaml", "the plan: + create, ~ change, - remove"),
    ex("gw diff -f gateway.yaml --exit-code", "CI drift check: 0 in sync, 10 drift"),
    ex("gw diff -f gateway.yaml --prune -o json", "include what apply --prune would remove, as JSON"),
  ],
  apply: [
    ex("gw apply -f gateway.yaml", "show the plan, ask, apply, summarise"),
    ex("gw apply -f gateway.yaml --yes --concurrency 8", "CI: no prompt"),
    ex("gw apply -f gateway.yaml --dry-run", "the plan and every request it would send"),
    ex("gw apply -f gateway.yaml --prune --yes", "also remove what the document leaves out"),
  ],

  backends: [
    ex("gw backends", "which commands and flags each control plane supports"),
    ex(`gw backends -o json | jq -r '.[] | select(.supported) | "\\(.backend) \\(.command)"' | grep '^ngrok '`, "the commands ngrok supports"),
  ],
  api: [
    ex("gw api GET /api/gateway/v1/providers", "any call, with the profile's auth"),
    ex("gw api PATCH /api/gateway/v1/providers/b1 -F rate_limit_rpm=600 -f slot=primary", "typed (-F) and string (-f) body fields"),
    ex("gw api POST /api/gateway/v1/virtual-keys --input body.json", "the body from a file (- for stdin)"),
    ex("gw api DELETE /api/gateway/v1/providers/b1 --dry-run", "print the request, send nothing"),
  ],
  sandbox: [
    ex("gw sandbox", "a LangWatch emulator on 127.0.0.1:4010; prints its URL and key"),
    ex("gw sandbox --backend bifrost --port 4011", "a Bifrost emulator"),
    ex("gw sandbox --backend ngrok --seed 250 --state ngrok.json", "250 providers, kept across restarts"),
    ex("gw sandbox --api-key sk-lw-ci-rehearsal --fail-rate 0.2 2>sandbox.log &", "rehearse a CI script against a flaky server"),
  ],
  completion: [
    ex("gw completion bash > ~/.local/share/bash-completion/completions/gw", "bash"),
    ex('gw completion zsh > "${fpath[1]}/_gw"', "zsh"),
    ex("gw completion fish > ~/.config/fish/completions/gw.fish", "fish"),
  ],
  help: [
    ex("gw help providers update", "the same as gw providers update --help"),
    ex("gw help vk", "a noun's commands"),
    ex("gw help reference", "write the markdown reference into docs/reference/"),
  ],
  "help reference": [
    ex("gw help reference", "one page per command in docs/reference/ (npm run docs)"),
    ex("gw help reference --dir /tmp/gw-docs", "somewhere else"),
  ],
};
