// Types for preact-root-fragment, which ships none.
import type { ContainerNode } from "preact";
export function createRootFragment(
  parent: ContainerNode,
  replaceNode: ContainerNode | ContainerNode[],
): ContainerNode;
