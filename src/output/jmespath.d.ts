// The three functions gw uses of the `jmespath` package (CommonJS; module.exports holds them). Declared here
// rather than with @types/jmespath, which types `search` only.
declare module "jmespath" {
  interface Token {
    type: string;
    value: unknown;
    /** Offset of the token in the expression (0-based). */
    start: number;
  }
  interface JmespathNode {
    type: string;
    name?: string;
    children?: JmespathNode[];
    [key: string]: unknown;
  }
  const jmespath: {
    compile(expression: string): JmespathNode;
    tokenize(expression: string): Token[];
    search(data: unknown, expression: string): unknown;
  };
  export default jmespath;
}
