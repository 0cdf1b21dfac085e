/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A page in the house layout. `head` and `body` must already be escaped HTML. */
export function layout(options: {
  title: string;
  csrfToken: string;
  body: string;
  scripts?: string[];
}): string {
  const scripts = (options.scripts ?? [])
    .map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeHtml(options.csrfToken)}">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="/assets/app.css">
${scripts}
</head>
<body>
${options.body}
</body>
</html>
`;
}
