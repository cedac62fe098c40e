// Typed access to the page's elements: a missing or mistyped id fails at start, by name.
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the page has no <${type.name}> with id "${id}"`);
  return el;
}
