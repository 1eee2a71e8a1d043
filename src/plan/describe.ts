import type { ChalkInstance } from "chalk";
import type { KindDisplay, ResourceKind, ResourceSpec } from "../config/resource-kind.js";
import { cell } from "../output/render.js";
import type { Plan, PlanItem } from "./plan.js";
import { plural } from "../output/plural.js";

const SIGN: Record<PlanItem["action"], string> = {
  create: "+", update: "~", disable: "-", delete: "-", revoke: "-", enable: "+",
};

/** The default display, for flat sections: every field named in the summary, values as `showValue`. */
const FLAT: KindDisplay = { value: showValue, summary: flatSummary };

/** The plan for people: one line per item, then one line per changed field (old -> new). */
export function describePlan(plan: Plan, chalk: ChalkInstance, kinds: readonly ResourceKind[] = []): string {
  const lines: string[] = [];
  for (const item of plan.items) {
    const display = kinds.find((k) => k.noun === item.kind)?.display ?? FLAT;
    const colour = item.action === "create" || item.action === "enable" ? chalk.green : item.action === "update" ? chalk.yellow : chalk.red;
    const summary = item.action === "create" ? display.summary(item.spec) : "";
    lines.push(colour(`${SIGN[item.action]} ${item.action} ${item.kind} ${cell(item.key)}${summary}`));
    if (item.action === "update") for (const change of item.changes) lines.push(`    ${cell(change.field)}: ${display.value(change.from)} -> ${display.value(change.to)}`);
  }
  for (const why of plan.impossible) lines.push(chalk.red(`! ${cell(why)}`));
  const counts = countActions(plan);
  lines.push(
    plan.items.length === 0 && plan.impossible.length === 0
      ? "No changes: the control plane matches the document."
      : `Plan: ${counts.create} to create, ${counts.update} to change, ${counts.remove} to disable/delete/revoke` +
          (plan.impossible.length ? `, ${plural(plan.impossible.length, "difference")} that gw cannot make` : ""),
  );
  return `${lines.join("\n")}\n`;
}

/** ` (field value, ...)` of every field but the key that has a value. */
function flatSummary(spec: ResourceSpec): string {
  const fields = Object.entries(spec).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
  return ` (${fields.slice(1).map(([k, v]) => `${cell(k)} ${showValue(v)}`).join(", ")})`;
}

export function countActions(plan: Plan): { create: number; update: number; remove: number } {
  const count = (pred: (i: PlanItem) => boolean) => plan.items.filter(pred).length;
  return {
    create: count((i) => i.action === "create" || i.action === "enable"),
    update: count((i) => i.action === "update"),
    remove: count((i) => i.action === "disable" || i.action === "delete" || i.action === "revoke"),
  };
}

/** A resource field for people: lists in brackets, null as "none", objects as compact JSON. */
function showValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return `[${value.map((v) => cell(typeof v === "object" ? JSON.stringify(v) : v)).join(", ")}]`;
  if (typeof value === "object") return cell(JSON.stringify(value));
  return cell(value);
}
