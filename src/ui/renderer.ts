/**
 * The page is written against React's API and rendered by Preact (preact/compat, aliased in
 * vite.config.ts). One difference needs bridging here: Preact writes an SVG element's props
 * as attributes under the names given, and SVG attribute names are case-sensitive, so
 * `tabIndex` on a chart would make no element focusable. Import this module before rendering.
 */
import { options, type VNode } from 'preact';

const previousVnodeHook = options.vnode;

options.vnode = (vnode: VNode) => {
  const props = vnode.props as Record<string, unknown>;
  if (typeof vnode.type === 'string' && 'tabIndex' in props) {
    props['tabindex'] = props['tabIndex'];
    delete props['tabIndex'];
  }
  previousVnodeHook?.(vnode);
};
