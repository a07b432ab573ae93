// Every call to the office's API: the session is the HttpOnly cookie the browser sends by itself;
// changes carry the session's CSRF token, which lives only in this page's memory.
let csrfToken = '';

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field || '';
  }
}

// Back to sign-in, which returns here afterwards.
export function signInAgain() {
  const here = location.pathname + location.search;
  location.assign('/sign-in?next=' + encodeURIComponent(here));
}

export function setCsrfToken(token) {
  csrfToken = token;
}

// `body` goes as JSON, or as it is when `contentType` names another type ("text/csv").
export async function api(method, path, body, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = contentType;
  const json = contentType === 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : (json ? JSON.stringify(body) : body),
    credentials: 'same-origin',
  });
  if (response.status === 401) {
    signInAgain();
    throw new ApiError(401, 'Your session has ended: sign in again.');
  }
  if (response.status === 204) return null;
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    throw new ApiError(response.status, `The office answered ${response.status} without JSON.`);
  }
  if (!response.ok) {
    const error = answer && answer.error ? answer.error : {};
    throw new ApiError(response.status, error.message || `The office answered ${response.status}.`,
                       error.field);
  }
  return answer;
}
