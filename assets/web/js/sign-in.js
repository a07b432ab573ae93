// The sign-in page: the session comes back as an HttpOnly cookie; then on to the page the
// browser was sent from (only a path of this site), else the start page.
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') || '';
  if (!next.startsWith('/')) return '/';
  // "//evil.example" or "/\evil.example" would leave the site: only a path of this origin.
  const target = new URL(next, location.origin);
  return target.origin === location.origin ? target.pathname + target.search : '/';
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const problem = document.getElementById('sign-in-problem');
  const button = form.querySelector('button');
  problem.textContent = '';
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    problem.textContent = 'Type your username and your password.';
    return;
  }
  button.disabled = true;
  try {
    const response = await fetch('/api/v1/browser-session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
    if (response.status === 201) {
      location.assign(nextPage());
      return;
    }
    const answer = await response.json().catch(() => ({}));
    const wait = response.headers.get('Retry-After');
    problem.textContent = response.status === 429 && wait
      ? `Too many tries: wait ${wait} seconds, then sign in again.`
      : (answer.error && answer.error.message) || `The office answered ${response.status}.`;
  } catch {
    problem.textContent = 'The back office cannot be reached. Check the connection and try again.';
  } finally {
    button.disabled = false;
  }
}

document.getElementById('sign-in-form').addEventListener('submit', signIn);
