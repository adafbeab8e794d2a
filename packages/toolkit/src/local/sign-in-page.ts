/** The local issuer's sign-in page, in place of Cognito's hosted one: a form that posts back to the same address. */
export function signInPage({ title, form = false, error, hint, username = '' }: { title: string; form?: boolean; error?: string; hint?: string; username?: string }): string {
  const fields = !form
    ? ''
    : `<form method="post">
      <label>Username <input name="username" autocomplete="username" value="${escapeHtml(username)}" required autofocus></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · local issuer</title>
  <style>
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
    body { display: grid; place-items: center; min-height: 100vh; margin: 0; background: Canvas; }
    main { width: min(22rem, 90vw); padding: 2rem; border: 1px solid #8884; border-radius: 12px; }
    h1 { font-size: 1.25rem; margin: 0 0 1rem; }
    form { display: grid; gap: 0.75rem; }
    label { display: grid; gap: 0.25rem; font-size: 0.9rem; }
    input, button { font: inherit; padding: 0.5rem 0.75rem; border-radius: 8px; border: 1px solid #8888; }
    button { background: #2563eb; color: white; border: none; cursor: pointer; }
    button:focus-visible, input:focus-visible { outline: 3px solid #2563eb88; outline-offset: 2px; }
    .error { color: #dc2626; } .hint { color: GrayText; font-size: 0.85rem; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(title)}</h1>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    ${fields}
    ${hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ''}
  </main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
