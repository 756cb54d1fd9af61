import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { emptyDraft, propose, type Draft } from './draft.js';
import { findDate, findDoi } from './metadata.js';

/**
 * HTML → Draft with htmlparser2 (MIT, no native code, the parser under cheerio and
 * html-to-text): it is forgiving of real-world markup and decodes entities, and walking its
 * tree keeps the structure a text converter such as html-to-text would flatten away —
 * which elements are headings, paragraphs, list items and table cells. Page chrome
 * (navigation, header, footer, scripts, forms) is skipped; `<article>` or `<main>` is read
 * when the page has one.
 */

const SKIP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'svg', 'iframe', 'template', 'head']);
const BLOCK = new Set(['p', 'li', 'dd', 'dt', 'blockquote', 'figcaption', 'pre', 'address', 'caption']);
const CONTAINER = new Set(['div', 'section', 'article', 'main', 'body', 'html', 'ul', 'ol', 'dl', 'figure', 'details', 'summary', 'center', 'span']);

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isElement(node) || SKIP.has(node.name)) return '';
  if (node.name === 'br') return ' ';
  if (node.name === 'sup' && /^\s*\[?\d+\]?\s*$/.test(node.children.map(textOf).join(''))) return ''; // wiki citation markers
  return node.children.map(textOf).join('');
}

function find(node: AnyNode, test: (e: Element) => boolean): Element | null {
  if (!isElement(node) && node.type !== 'root') return null;
  const children = (node as unknown as { children: AnyNode[] }).children ?? [];
  for (const c of children) {
    if (isElement(c) && test(c)) return c;
    const found = find(c, test);
    if (found) return found;
  }
  return null;
}

function findAll(node: AnyNode, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  const children = (node as unknown as { children?: AnyNode[] }).children ?? [];
  for (const c of children) {
    if (isElement(c) && test(c)) out.push(c);
    findAll(c, test, out);
  }
  return out;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

export function importHtml(html: string): Draft {
  const draft = emptyDraft();
  const dom = parseDocument(html);
  const metas = findAll(dom, (e) => e.name === 'meta');
  const meta = (...names: string[]) =>
    metas.filter((m) => names.includes((m.attribs.name ?? m.attribs.property ?? '').toLowerCase())).map((m) => clean(m.attribs.content ?? '')).filter(Boolean);

  propose(draft, 'title', meta('citation_title', 'dc.title', 'og:title')[0], '<meta> title');
  const h1 = find(dom, (e) => e.name === 'h1');
  propose(draft, 'title', h1 ? clean(textOf(h1)) : undefined, '<h1>');
  const titleTag = find(dom, (e) => e.name === 'title');
  propose(draft, 'title', titleTag ? clean(textOf(titleTag)) : undefined, '<title>');
  const authors = meta('citation_author', 'dc.creator', 'author', 'article:author');
  propose(draft, 'authors', authors.flatMap((a) => a.split(/\s*;\s*/)).filter(Boolean), '<meta> author');
  const dateText = meta('citation_publication_date', 'citation_date', 'dc.date', 'article:published_time', 'date')[0];
  const time = find(dom, (e) => e.name === 'time');
  const dated = findDate(dateText ?? '') ?? (dateText && /^(19|20)\d\d/.test(dateText) ? { date: dateText.slice(0, 10), year: Number(dateText.slice(0, 4)) } : null) ?? (time ? findDate(time.attribs.datetime ?? clean(textOf(time))) : null);
  if (dated) {
    propose(draft, 'date', dated.date, '<meta> date');
    propose(draft, 'year', dated.year, '<meta> date');
  }
  propose(draft, 'venue', meta('citation_journal_title', 'og:site_name', 'dc.publisher')[0], '<meta> site');
  propose(draft, 'doi', meta('citation_doi', 'dc.identifier').map((d) => findDoi(d)).find(Boolean), '<meta> doi');
  const canonical = find(dom, (e) => e.name === 'link' && (e.attribs.rel ?? '').split(/\s+/).includes('canonical'));
  propose(draft, 'url', canonical?.attribs.href ?? meta('og:url')[0], '<link rel=canonical>');

  const root = find(dom, (e) => e.name === 'article') ?? find(dom, (e) => e.name === 'main') ?? find(dom, (e) => e.name === 'body') ?? dom;
  const page = draft.pages[0]!;
  let inReferences = false;
  let sawTitle = false;

  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      // Loose text directly in a container is a paragraph of its own.
      const t = clean((node as unknown as { data: string }).data);
      if (t.length > 1) page.blocks.push({ type: 'paragraph', text: t });
      return;
    }
    if (!isElement(node) || SKIP.has(node.name)) return;
    const heading = /^h([1-6])$/.exec(node.name);
    if (heading) {
      const text = clean(textOf(node));
      if (!text) return;
      // The page's own title is the document's title, not a section.
      if (!sawTitle && heading[1] === '1') {
        sawTitle = true;
        return;
      }
      inReferences = /^(references|bibliography|notes|works cited|sources)$/i.test(text);
      if (!inReferences) page.blocks.push({ type: 'heading', level: Number(heading[1]) <= 2 ? 1 : 2, text });
      return;
    }
    if (node.name === 'table') {
      const rows = findAll(node, (e) => e.name === 'tr').map((tr) => tr.children.filter(isElement).filter((c) => c.name === 'td' || c.name === 'th').map((c) => clean(textOf(c))));
      if (rows.length) page.blocks.push({ type: 'table', rows });
      return;
    }
    if (BLOCK.has(node.name)) {
      // A list item holding its own list or paragraphs is read through.
      if (node.children.some((c) => isElement(c) && (BLOCK.has(c.name) || c.name === 'ul' || c.name === 'ol'))) {
        node.children.forEach(walk);
        return;
      }
      const text = clean(textOf(node));
      if (!text) return;
      if (inReferences) draft.references.push(text);
      else page.blocks.push({ type: 'paragraph', text });
      return;
    }
    // A container of inline content only (`<div>Some <b>bold</b> text</div>`) is one paragraph.
    const structural = (e: Element) => BLOCK.has(e.name) || e.name === 'table' || /^h[1-6]$/.test(e.name) || e.name === 'div' || e.name === 'section';
    if (!CONTAINER.has(node.name) || findAll(node, structural).length === 0) {
      const text = clean(textOf(node));
      if (text.length > 1) (inReferences ? draft.references.push(text) : page.blocks.push({ type: 'paragraph', text }));
      return;
    }
    node.children.forEach(walk);
  };
  walk(root);
  if (page.blocks.length === 0) draft.notes.push('no text found in the page body');
  return draft;
}
