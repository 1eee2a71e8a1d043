/** The shells `gw completion` writes a script for. */
export type Shell = "bash" | "zsh" | "fish";
