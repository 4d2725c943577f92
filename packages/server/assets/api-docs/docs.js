// Renders /api/v1/openapi.json as a readable, keyboard-friendly page. Text only: no HTML from the document is trusted.
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
};
const json = (value) => el('pre', {}, JSON.stringify(value, null, 2));

async function main() {
  const res = await fetch('/api/v1/openapi.json');
  const doc = await res.json();
  const byTag = new Map();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  const main = document.getElementById('operations');
  const toc = el('ul');
  main.replaceChildren();
  for (const [tag, ops] of byTag) {
    const id = `tag-${tag.toLowerCase().replace(/\W+/g, '-')}`;
    toc.append(el('li', {}, el('a', { href: `#${id}` }, tag)));
    const section = el('section', { id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, tag));
    for (const { path, method, op } of ops) {
      const body = el('div', { class: 'body' });
      if (op.parameters?.length) {
        const rows = op.parameters.map((p) => el('tr', {}, el('td', {}, p.name), el('td', {}, p.in), el('td', {}, p.required ? 'required' : 'optional'), el('td', {}, p.schema?.description ?? p.schema?.type ?? '')));
        body.append(el('h3', {}, 'Parameters'), el('table', {}, el('tbody', {}, ...rows)));
      }
      const request = op.requestBody?.content?.['application/json']?.schema;
      if (request) body.append(el('h3', {}, 'Request body'), json(request));
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const schema = Object.values(response.content ?? {})[0]?.schema;
        body.append(el('h3', {}, `${status}: ${response.description}`));
        if (schema) body.append(json(schema));
      }
      section.append(el('details', {}, el('summary', {}, el('span', { class: `method ${method}` }, method), el('span', { class: 'path' }, path), el('span', {}, op.summary ?? '')), body));
    }
    main.append(section);
  }
  const schemas = el('section', { id: 'schemas' }, el('h2', {}, 'Schemas'));
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    schemas.append(el('details', {}, el('summary', {}, el('span', { class: 'path' }, name)), el('div', { class: 'body' }, json(schema))));
  }
  main.append(schemas);
  document.getElementById('toc').replaceChildren(toc);
}
main().catch((err) => { document.getElementById('operations').textContent = `Could not load the API description: ${err}`; });
