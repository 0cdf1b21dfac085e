// Plain text with its web addresses as links, built as nodes: the text is never parsed as HTML.
import { h } from './ui.js';

const ADDRESS = /https?:\/\/[^\s<>"']+/g;

/** `text` as text nodes and `<a>` elements for each http(s) address in it. */
export function linkedText(text: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
    // Sentence punctuation after an address belongs to the sentence.
    const address = match[0].replace(/[.,;:!?)]+$/, '');
    nodes.push(h('a', { href: address, rel: 'noreferrer' }, address));
    last = start + address.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
