// A real OpenID provider for the dashboard's tests: npm's oidc-provider (an OpenID-certified implementation),
// started on loopback by tests/oidc.py. One confidential client (PKCE required), one account per role (and one
// with a role the dashboard does not know, one with none), a plain sign-in form, no consent page, end-session on.
//
// Configuration, all from the environment (tests/oidc.py sets it):
//   OIDC_PORT                     the loopback port to listen on
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET
//   OIDC_REDIRECT_URIS            space-separated redirect URIs of the test dashboards
//   OIDC_POST_LOGOUT_REDIRECT_URIS  space-separated, likewise
//   OIDC_PASSWORD                 every account's password
import { Provider } from "oidc-provider";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const port = Number(env("OIDC_PORT"));
const issuer = `http://127.0.0.1:${port}`;
const password = env("OIDC_PASSWORD");

// name -> roles (`null`: no roles claim at all). `userinfo-planner` has its roles in the userinfo answer only.
const ACCOUNTS = {
  "oidc-board": ["board"],
  "oidc-planner": ["planner"],
  "oidc-manager": ["manager"],
  "oidc-region": ["region"],
  "oidc-organisation": ["organisation"],
  "oidc-admin": ["admin"],
  "oidc-several": ["board", "auditor", "manager"],
  "oidc-unknown-role": ["auditor"],
  "oidc-no-role": null,
  "oidc-leaver": ["manager"],
  "userinfo-planner": ["planner"],
};

async function findAccount(_ctx, sub) {
  if (!(sub in ACCOUNTS)) return undefined;
  return {
    accountId: sub,
    async claims(use) {
      const roles = ACCOUNTS[sub];
      const claims = { sub, preferred_username: sub, name: sub };
      if (roles !== null && (sub !== "userinfo-planner" || use === "userinfo")) {
        claims.roles = roles;
        claims.realm_access = { roles }; // where Keycloak puts them (STV_OIDC_ROLES_CLAIM=realm_access.roles)
      }
      return claims;
    },
  };
}

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>${body}</body></html>`;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env("OIDC_CLIENT_ID"),
      client_secret: env("OIDC_CLIENT_SECRET"),
      redirect_uris: env("OIDC_REDIRECT_URIS").split(" "),
      post_logout_redirect_uris: env("OIDC_POST_LOGOUT_REDIRECT_URIS").split(" "),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  findAccount,
  claims: { openid: ["sub"], profile: ["preferred_username", "name", "roles", "realm_access"] },
  conformIdTokenClaims: false, // the profile claims (the roles) go into the ID token too
  pkce: { required: () => true },
  cookies: { keys: ["stv test provider cookie key, not a secret"] },
  features: {
    devInteractions: { enabled: false }, // our own form below
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page(
          "Sign out",
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page("Signed out", "<p>You are signed out.</p>");
      },
    },
  },
  // No consent page: the dashboard is the organisation's own application.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid profile");
    await grant.save();
    return grant;
  },
  renderError: async (ctx, out) => {
    ctx.type = "html";
    ctx.body = page("Error", `<p id="error">${escape(out.error)}: ${escape(out.error_description || "")}</p>`);
  },
});

const loginForm = (uid, error = "") =>
  page(
    "Sign in at the test provider",
    `${error ? `<p id="error">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
  <label for="username">Name</label> <input id="username" name="username" autocomplete="off">
  <label for="password">Password</label> <input id="password" name="password" type="password">
  <button type="submit">Sign in</button>
</form>`,
  );

async function formBody(req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

// The interaction routes (sign-in form); everything else is the provider's own.
provider.use(async (ctx, next) => {
  if (ctx.path === "/favicon.ico") {
    ctx.status = 204; // browsers ask; a 404 would be a console error in the Chromium test
    return undefined;
  }
  const match = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === "GET") {
    ctx.type = "html";
    ctx.body = loginForm(details.uid);
    return undefined;
  }
  const form = await formBody(ctx.req);
  const username = form.get("username") || "";
  if (!(username in ACCOUNTS) || form.get("password") !== password) {
    ctx.type = "html";
    ctx.status = 401;
    ctx.body = loginForm(details.uid, "Unknown name or wrong password");
    return undefined;
  }
  const result = { login: { accountId: username } };
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  return undefined;
});

provider.listen(port, "127.0.0.1", () => console.log(`test OpenID provider at ${issuer}`));
