/** Secret scanning over what a CLI child or a server wrote. */

/** Every form a secret could leak in: as is, URL-encoded, and in JSON string escaping. */
export function leakForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/** The secrets found in `text`, by name, for a readable failure. */
export function leaksIn(text: string, secrets: Readonly<Record<string, string>>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => leakForms(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
}
