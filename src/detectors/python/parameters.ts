import type { SyntaxNode, Tree } from '@lezer/common';

/**
 * What a papermill `parameters` cell holds, read from its syntax tree: the names it assigns, and
 * each statement that is not `name = literal` (or `name: T = literal`). Papermill overrides the
 * parameters by running an injected cell of literal assignments right after this one, and lists
 * them (`papermill --help-notebook`) from one `name = value` per line; anything else in the cell
 * either escapes the override or is not seen as a parameter.
 */
export type ParameterProblemKind =
  /** `path = os.path.join(root, "x")`, `x += 1`: a value that is not a literal. */
  | 'computed'
  /** `import os`, `print(x)`, `%load_ext …`, `if …:`: a statement that assigns no parameter. */
  | 'statement'
  /** `a, b = 1, 2`, `a = b = 1`, `cfg.x = 1`: not one name bound to one value. */
  | 'target'
  /** `x: int`: an annotation without a value. */
  | 'no-value';

export interface ParameterProblem {
  readonly kind: ParameterProblemKind;
  /** Span of the statement in the cell source. */
  readonly start: number;
  readonly end: number;
  /** The names the statement assigns (empty for `statement`). */
  readonly names: readonly string[];
}

export interface ParametersCell {
  /** Every name the cell's assignments bind (annotated declarations included), in order. */
  readonly names: readonly string[];
  readonly problems: readonly ParameterProblem[];
}

/** Nodes that are punctuation inside a literal container. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', 'Comment']);
const CONTAINERS = new Set(['ArrayExpression', 'TupleExpression', 'SetExpression', 'DictionaryExpression', 'ParenthesizedExpression']);
const SIGNS = new Set(['-', '+']);
const CONSTANTS = new Set(['Number', 'String', 'Boolean', 'None', 'Ellipsis']);

/**
 * @param tree the parse of the cell's text (IPython syntax masked, same offsets as `source`)
 * @param source the cell's source, for the names
 */
export function readParametersCell(tree: Tree, source: string): ParametersCell {
  const names: string[] = [];
  const problems: ParameterProblem[] = [];
  const text = (node: SyntaxNode): string => source.slice(node.from, node.to);
  for (let statement = tree.topNode.firstChild; statement; statement = statement.nextSibling) {
    const at = { start: statement.from, end: statement.to };
    switch (statement.name) {
      case 'Comment':
        continue;
      case 'ExpressionStatement':
        // A bare string documents the parameters, like a comment.
        if (isString(statement.firstChild)) continue;
        problems.push({ kind: 'statement', ...at, names: [] });
        continue;
      case 'AssignStatement': {
        const parts = childrenOf(statement);
        const assignOps = parts.filter((part) => part.name === 'AssignOp');
        const firstOp = assignOps.length > 0 ? parts.indexOf(assignOps[0]!) : parts.length;
        const targets = parts.slice(0, firstOp).filter((part) => part.name !== 'TypeDef');
        const lastOp = assignOps.length > 0 ? parts.indexOf(assignOps[assignOps.length - 1]!) : parts.findIndex((part) => part.name === 'TypeDef');
        const bound = bindingNames(parts.slice(0, lastOp === -1 ? parts.length : lastOp), text);
        names.push(...bound);
        if (assignOps.length === 0) {
          problems.push({ kind: 'no-value', ...at, names: bound });
          continue;
        }
        if (assignOps.length > 1 || targets.length !== 1 || targets[0]!.name !== 'VariableName') {
          problems.push({ kind: 'target', ...at, names: bound });
          continue;
        }
        const values = parts.slice(firstOp + 1).filter((part) => part.name !== ',' && part.name !== 'Comment');
        if (!values.every((value) => isLiteral(value, text))) problems.push({ kind: 'computed', ...at, names: bound });
        continue;
      }
      case 'UpdateStatement': {
        const target = statement.firstChild;
        const bound = target?.name === 'VariableName' ? [text(target)] : [];
        names.push(...bound);
        problems.push({ kind: 'computed', ...at, names: bound });
        continue;
      }
      default:
        problems.push({ kind: 'statement', ...at, names: [] });
    }
  }
  return { names: [...new Set(names)], problems };
}

/** Names bound by the targets of an assignment (before its last `=`), unpacking included. */
function bindingNames(targets: readonly SyntaxNode[], text: (node: SyntaxNode) => string): string[] {
  const names: string[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'VariableName') names.push(text(node));
    else if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression') for (const child of childrenOf(node)) visit(child);
  };
  for (const node of targets) visit(node);
  return names;
}

function isString(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (node.name === 'String') return true;
  if (node.name === 'FormatString') return node.getChild('FormatReplacement') === null;
  if (node.name === 'ContinuedString') return childrenOf(node).every((part) => part.name === 'Comment' || isString(part));
  return false;
}

/** What `ast.literal_eval` accepts: constants, signed numbers, `1+2j`, containers of literals. */
function isLiteral(node: SyntaxNode, text: (node: SyntaxNode) => string): boolean {
  if (CONSTANTS.has(node.name) || isString(node)) return true;
  if (node.name === 'UnaryExpression') {
    const [op, operand] = childrenOf(node);
    return op !== undefined && SIGNS.has(text(op)) && operand !== undefined && (operand.name === 'Number' || operand.name === 'UnaryExpression') && isLiteral(operand, text);
  }
  if (node.name === 'BinaryExpression') {
    // A complex number: `1+2j`, `-1-0.5j`.
    const [left, op, right] = childrenOf(node);
    return op !== undefined && SIGNS.has(text(op)) && right?.name === 'Number' && /j$/i.test(text(right)) && left !== undefined && (left.name === 'Number' || left.name === 'UnaryExpression') && isLiteral(left, text);
  }
  if (CONTAINERS.has(node.name)) return childrenOf(node).every((child) => PUNCTUATION.has(child.name) || isLiteral(child, text));
  return false;
}

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}
