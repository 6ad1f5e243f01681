// A real OpenID Connect provider for the single sign-on tests (started by tests/servers.py).
//
// The oidc-provider library (certified OpenID Connect) with one confidential client, people the tests
// create through a small test-only API, and a login page that checks their passwords. Nothing here is
// a stand-in for the protocol: discovery, PKCE, state, nonce, signed ID tokens and code expiry are the
// library's own.
//
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated).
// Test API (loopback only, JSON):
//   PUT  /__test__/accounts/<username>  {password, name, email, groups}: create or change a person;
//                                       the subject (sub) stays the same when details change
//   POST /__test__/hold {on}            while on, the redirect back to the client is shown as a link
//                                       (id "callback") instead of followed, so a test can alter it
//   POST /__test__/expire-codes         every authorization code issued so far is expired

import crypto from "node:crypto";
import http from "node:http";

import { Provider, interactionPolicy } from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.CLIENT_ID || "academy";
const clientSecret = process.env.CLIENT_SECRET;
const redirectUris = (process.env.REDIRECT_URIS || "").split(",").filter(Boolean);

const accounts = new Map(); // username -> {sub, username, password, name, email, groups}
let hold = false;

// --- storage: the library's models kept in memory; expire-codes reaches into the stored codes ---
const store = new Map();
class MemoryAdapter {
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    store.set(this.key(id), { payload, expiresAt });
    if (payload.grantId) store.set(`grant:${payload.grantId}:${this.key(id)}`, { payload: this.key(id) });
    if (payload.uid) store.set(`uid:${payload.uid}`, { payload: id });
    if (payload.userCode) store.set(`userCode:${payload.userCode}`, { payload: id });
  }
  async find(id) {
    const entry = store.get(this.key(id));
    if (!entry || (entry.expiresAt && entry.expiresAt <= Date.now())) return undefined;
    return entry.payload;
  }
  async findByUid(uid) {
    const id = store.get(`uid:${uid}`)?.payload;
    return id ? this.find(id) : undefined;
  }
  async findByUserCode(userCode) {
    const id = store.get(`userCode:${userCode}`)?.payload;
    return id ? this.find(id) : undefined;
  }
  async consume(id) {
    const entry = store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const [key, entry] of store) {
      if (key.startsWith(`grant:${grantId}:`)) {
        store.delete(entry.payload);
        store.delete(key);
      }
    }
  }
}

function expireCodes() {
  let n = 0;
  for (const [key, entry] of store) {
    if (key.startsWith("AuthorizationCode:")) {
      entry.payload.exp = Math.floor(Date.now() / 1000) - 1;
      n += 1;
    }
  }
  return n;
}

// --- who is who ---
function bySub(sub) {
  for (const account of accounts.values()) if (account.sub === sub) return account;
  return undefined;
}

async function findAccount(ctx, sub) {
  const account = bySub(sub);
  if (!account) return undefined;
  return {
    accountId: sub,
    async claims() {
      return {
        sub,
        name: account.name,
        preferred_username: account.username,
        email: account.email,
        email_verified: true,
        groups: account.groups,
      };
    },
  };
}

// Streamlit asks for prompt=select_account by default; the library knows login and consent only.
const policy = interactionPolicy.base();
policy.add(new interactionPolicy.Prompt({ name: "select_account", requestable: true }));

const provider = new Provider(issuer, {
  adapter: MemoryAdapter,
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  findAccount,
  claims: {
    openid: ["sub"],
    profile: ["name", "preferred_username"],
    email: ["email", "email_verified"],
    groups: ["groups"],
  },
  conformIdTokenClaims: false, // the claims go into the ID token, as the big providers do
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // the academy is a first-party client: the people have agreed to it once and for all
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid profile email groups");
    await grant.save();
    return grant;
  },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  jwks: {
    keys: [
      {
        ...crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
        kid: "test",
        use: "sig",
        alg: "RS256",
      },
    ],
  },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Error", `<p id="error">${esc(out.error)}: ${esc(out.error_description || "")}</p>`);
  },
});

// While holding, the redirect back to the client becomes a link the test can read and alter.
provider.use(async (ctx, next) => {
  await next();
  const location = ctx.response.get("location");
  if (hold && location && redirectUris.some((uri) => location.startsWith(uri))) {
    ctx.remove("location");
    ctx.status = 200;
    ctx.type = "html";
    ctx.body = page("Held", `<a id="callback" href="${esc(location)}">back to the application</a>`);
  }
});

// --- pages ---
function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><h1>Test identity provider</h1><h2>${esc(title)}</h2>${body}</body></html>`;
}

function loginForm(uid, error) {
  return `${error ? `<p id="error">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}/login">
  <label>Username <input name="username" autocomplete="off" required></label>
  <label>Password <input name="password" type="password" required></label>
  <button type="submit">Sign in</button>
</form>`;
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65536) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (action === "login" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    const account = accounts.get(form.get("username") || "");
    if (!account || account.password !== form.get("password")) {
      return send(res, 200, "text/html", page("Sign in", loginForm(uid, "Wrong username or password")));
    }
    // signing in is choosing the account, so a requested select_account is answered too
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub }, select_account: {} },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === "continue" && req.method === "POST") {
    return provider.interactionFinished(req, res, { select_account: {} }, { mergeWithLastSubmission: true });
  }
  if (details.prompt.name === "select_account" && details.session) {
    const current = bySub(details.session.accountId);
    const name = current ? current.name : details.session.accountId;
    const body = `<form method="post" action="/interaction/${esc(uid)}/continue">
  <button type="submit">Continue as ${esc(name)}</button></form><h3>Use another account</h3>${loginForm(uid)}`;
    return send(res, 200, "text/html", page("Choose an account", body));
  }
  return send(res, 200, "text/html", page("Sign in", loginForm(uid)));
}

async function testApi(req, res, path) {
  const body = req.method === "GET" ? {} : JSON.parse((await readBody(req)) || "{}");
  const account = path.match(/^\/__test__\/accounts\/([^/]+)$/);
  if (account && req.method === "PUT") {
    const username = decodeURIComponent(account[1]);
    const before = accounts.get(username);
    const sub = before ? before.sub : crypto.randomUUID();
    accounts.set(username, { groups: [], ...before, ...body, username, sub });
    return send(res, 200, "application/json", JSON.stringify({ sub }));
  }
  if (path === "/__test__/hold" && req.method === "POST") {
    hold = Boolean(body.on);
    return send(res, 200, "application/json", JSON.stringify({ hold }));
  }
  if (path === "/__test__/expire-codes" && req.method === "POST") {
    return send(res, 200, "application/json", JSON.stringify({ expired: expireCodes() }));
  }
  return send(res, 404, "application/json", "{}");
}

const handler = provider.callback();
const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  try {
    if (path.startsWith("/__test__/")) return await testApi(req, res, path);
    const match = path.match(/^\/interaction\/([^/]+)(?:\/(login|continue))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    return handler(req, res);
  } catch (err) {
    if (!res.headersSent) send(res, 400, "text/html", page("Error", `<p id="error">${esc(err.message)}</p>`));
    return undefined;
  }
});
server.listen(port, "127.0.0.1", () => console.log(`test OpenID provider at ${issuer}`));
