"""Seeded generator of fake secrets (positives) and near-misses for the secret scanner tests and bench.

Values are built at run time from each provider's documented format; nothing here is a real credential.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import uuid
from dataclasses import dataclass

_ALPHABETS = {
    "hex": "0123456789abcdef",
    "dig": "0123456789",
    "b62": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "b64": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/",
    "b64u": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
    "B32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "b32": "abcdefghijklmnopqrstuvwxyz234567",
    "UA": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "la": "0123456789abcdefghijklmnopqrstuvwxyz",
    "bech": "023456789ACDEFGHJKLMNPQRSTUVWXYZ",  # Bech32, upper case (age keys)
    "b58": "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
}

# provider id -> (template, context key name, embedding of the value in surrounding text)
# Template: literal text with {alphabet:length}; "@name" for structured values.
SPECS: dict[str, tuple[str, str | None, str]] = {
    "google-api-key": ("AIza{b64u:35}", None, "{v}"),
    "ably-api-key": ("{b64u:6}.{b64u:6}:{b64u:43}", None, "{v}"),
    "n8n-self-hosted-webhook-url": (
        "automation.acme-flows.io/webhook/{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}",
        None,
        "https://{v}",
    ),
    "terraform-cloud-token": ("{b62:14}.atlasv1.{b64u:70}", None, "{v}"),
    "mollie-api-key": ("live_{b62:30}", "MOLLIE_API_KEY", "{v}"),
    "google-oauth-client-secret": ("GOCSPX-{b64u:28}", None, "{v}"),
    "google-oauth-access-token": ("ya29.{b64u:120}", None, "{v}"),
    "google-service-account-key": ("@pem", "service_account_private_key", "{v}"),
    "firebase-fcm-server-key": ("AAAA{b64u:7}:APA91b{b64u:134}", None, "{v}"),
    "supabase-service-role-jwt": ("@jwt:service_role", None, "{v}"),
    "supabase-anon-jwt": ("@jwt:anon", None, "{v}"),
    "supabase-user-jwt": ("@jwt:authenticated", None, "{v}"),
    "jwt": ("@jwt:", None, "{v}"),
    "jwt-base64": ("@b64jwt", None, "{v}"),
    "supabase-publishable-key": ("sb_publishable_{b64u:31}", None, "{v}"),
    "supabase-secret-key": ("sb_secret_{b64u:31}", None, "{v}"),
    "openai-project-key": ("sk-proj-{b64u:156}", None, "{v}"),
    "openai-service-account-key": ("sk-svcacct-{b64u:120}", None, "{v}"),
    "openai-admin-key": ("sk-admin-{b64u:120}", None, "{v}"),
    "openai-api-key": ("sk-{b62:48}", None, "{v}"),
    "anthropic-api-key": ("sk-ant-api03-{b64u:93}AA", None, "{v}"),
    "anthropic-admin-key": ("sk-ant-admin01-{b64u:93}AA", None, "{v}"),
    "groq-api-key": ("gsk_{b62:52}", None, "{v}"),
    "huggingface-token": ("hf_{b62:34}", None, "{v}"),
    "deepseek-api-key": ("sk-{hex:32}", "DEEPSEEK_API_KEY", "{v}"),
    "mistral-api-key": ("{b62:32}", "MISTRAL_API_KEY", "{v}"),
    "perplexity-api-key": ("pplx-{b62:48}", None, "{v}"),
    "xai-api-key": ("xai-{b62:80}", None, "{v}"),
    "cohere-api-key": ("{b62:40}", "COHERE_API_KEY", "{v}"),
    "replicate-api-token": ("r8_{b62:37}", None, "{v}"),
    "elevenlabs-api-key": ("sk_{hex:48}", "xi-api-key", "{v}"),
    "elevenlabs-legacy-key": ("{hex:32}", "ELEVENLABS_API_KEY", "{v}"),
    "pinecone-api-key": ("pcsk_{b62:6}_{b62:63}", None, "{v}"),
    "stripe-secret-key": ("sk_live_{b62:99}", None, "{v}"),
    "stripe-restricted-key": ("rk_live_{b62:99}", None, "{v}"),
    "stripe-publishable-key": ("pk_live_{b62:99}", None, "{v}"),
    "stripe-webhook-secret": ("whsec_{b62:32}", None, "{v}"),
    "stripe-test-secret-key": ("sk_test_{b62:99}", None, "{v}"),
    "stripe-intent-client-secret": ("pi_{b62:24}_secret_{b62:25}", None, "{v}"),
    "stripe-test-publishable-key": ("pk_test_{b62:99}", None, "{v}"),
    "paystack-secret-key": ("sk_live_{hex:40}", None, "{v}"),
    "paystack-public-key": ("pk_live_{hex:40}", None, "{v}"),
    "paystack-test-secret-key": ("sk_test_{hex:40}", None, "{v}"),
    "paypal-client-secret": ("E{b64u:79}", "PAYPAL_CLIENT_SECRET", "{v}"),
    "paypal-access-token": ("access_token$production${la:16}${hex:32}", None, "{v}"),
    "paypal-sandbox-access-token": ("access_token$sandbox${la:16}${hex:32}", None, "{v}"),
    "mercadopago-access-token": ("APP_USR-{dig:16}-{dig:6}-{hex:32}-{dig:9}", None, "{v}"),
    "mercadopago-public-key": ("APP_USR-@uuid", None, "{v}"),
    "mercadopago-test-access-token": ("TEST-{dig:16}-{dig:6}-{hex:32}-{dig:9}", None, "{v}"),
    "razorpay-key-id": ("rzp_live_{b62:14}", None, "{v}"),
    "razorpay-test-key-id": ("rzp_test_{b62:14}", None, "{v}"),
    "razorpay-key-secret": ("{b62:24}", "RAZORPAY_KEY_SECRET", "{v}"),
    "square-access-token": ("EAAA{b64u:60}", None, "{v}"),
    "square-oauth-secret": ("sq0csp-{b64u:43}", None, "{v}"),
    "square-legacy-access-token": ("sq0atp-{b64u:22}", None, "{v}"),
    "flutterwave-secret-key": ("FLWSECK-{hex:32}-X", None, "{v}"),
    "flutterwave-test-secret-key": ("FLWSECK_TEST-{hex:32}-X", None, "{v}"),
    "paddle-api-key": ("pdl_live_apikey_{b62:26}_{b62:20}", "PADDLE_API_KEY", "{v}"),
    "adyen-api-key": ("AQE{b64:100}", "ADYEN_API_KEY", "{v}"),
    "plaid-secret": ("{hex:30}", "PLAID_SECRET", "{v}"),
    "plaid-access-token": ("access-production-@uuid", None, "{v}"),
    "aws-access-key-id": ("AKIA{B32:16}", None, "{v}"),
    "aws-secret-access-key": ("{b64:40}", "AWS_SECRET_ACCESS_KEY", "{v}"),
    "azure-storage-account-key": (
        "{b64:86}==",
        None,
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={v};EndpointSuffix=core.windows.net",
    ),
    "azure-sas-signature": (
        "{b62:43}%3D",
        None,
        "https://acct.blob.core.windows.net/c/f.png?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig={v}",
    ),
    "github-pat": ("ghp_{b62:36}", None, "{v}"),
    "github-token": ("gho_{b62:36}", None, "{v}"),
    "github-fine-grained-pat": ("github_pat_{b62:22}_{b62:59}", None, "{v}"),
    "gitlab-pat": ("glpat-{b64u:20}", None, "{v}"),
    "digitalocean-token": ("dop_v1_{hex:64}", None, "{v}"),
    "heroku-api-key": ("@uuid", "HEROKU_API_KEY", "{v}"),
    "netlify-token": ("nfp_{b62:36}", None, "{v}"),
    "vercel-token": ("{b62:24}", "VERCEL_TOKEN", "{v}"),
    "datadog-api-key": ("{hex:32}", "DD_API_KEY", "{v}"),
    "datadog-app-key": ("{hex:40}", "DD_APP_KEY", "{v}"),
    "newrelic-user-key": ("NRAK-{UA:27}", None, "{v}"),
    "doppler-token": ("dp.pt.{b62:43}", None, "{v}"),
    "npm-token": ("npm_{b62:36}", None, "{v}"),
    "pypi-token": ("pypi-AgEIcHlwaS5vcmc{b64u:120}", None, "{v}"),
    "cloudinary-url": ("cloudinary://{dig:15}:{b64u:27}@{la:8}", None, "{v}"),
    "slack-bot-token": ("xoxb-{dig:12}-{dig:13}-{b62:24}", None, "{v}"),
    "slack-user-token": ("xoxp-{dig:12}-{dig:12}-{dig:13}-{hex:32}", None, "{v}"),
    "slack-workspace-token": ("xoxa-2-{dig:12}-{dig:12}-{dig:12}-{hex:32}", None, "{v}"),
    "slack-app-token": ("xapp-1-{UA:11}-{dig:13}-{hex:64}", None, "{v}"),
    "slack-webhook-url": ("hooks.slack.com/services/T{UA:10}/B{UA:10}/{b62:24}", None, "https://{v}"),
    "discord-bot-token": ("M{b64u:25}.{b64u:6}.{b64u:38}", "DISCORD_BOT_TOKEN", "{v}"),
    "discord-webhook-url": ("discord.com/api/webhooks/{dig:19}/{b64u:68}", None, "https://{v}"),
    "telegram-bot-token": ("{dig:10}:AA{b64u:33}", None, "{v}"),
    "twilio-account-sid": ("AC{hex:32}", None, "{v}"),
    "twilio-api-key": ("SK{hex:32}", None, "{v}"),
    "twilio-auth-token": ("{hex:32}", "TWILIO_AUTH_TOKEN", "{v}"),
    "sendgrid-api-key": ("SG.{b64u:22}.{b64u:43}", None, "{v}"),
    "mailgun-api-key": ("key-{hex:32}", "MAILGUN_API_KEY", "{v}"),
    "mailgun-private-key": ("{hex:32}-{hex:8}-{hex:8}", "MAILGUN_API_KEY", "{v}"),
    "mailchimp-api-key": ("{hex:32}-us{dig:2}", None, "{v}"),
    "brevo-api-key": ("xkeysib-{hex:64}-{b62:16}", None, "{v}"),
    "postmark-server-token": ("@uuid", "X-Postmark-Server-Token", "{v}"),
    "vonage-api-secret": ("{b62:16}", "VONAGE_API_SECRET", "{v}"),
    "onesignal-rest-api-key": ("os_v2_app_{la:106}", None, "{v}"),
    "onesignal-legacy-rest-key": ("{b62:48}", "ONESIGNAL_REST_API_KEY", "{v}"),
    "intercom-access-token": ("dG9rOi{b64:54}=", "INTERCOM_ACCESS_TOKEN", "{v}"),
    "mapbox-public-token": ("pk.eyJ1Ijoi{b64u:40}.{b64u:22}", None, "{v}"),
    "mapbox-secret-token": ("sk.eyJ1Ijoi{b64u:40}.{b64u:22}", None, "{v}"),
    "revenuecat-secret-key": ("sk_{b62:32}", "REVENUECAT_SECRET_KEY", "{v}"),
    "revenuecat-apple-key": ("appl_{b62:27}", None, "{v}"),
    "revenuecat-google-key": ("goog_{b62:27}", None, "{v}"),
    "airtable-pat": ("pat{b62:14}.{hex:64}", None, "{v}"),
    "airtable-api-key": ("key{b62:14}", "AIRTABLE_API_KEY", "{v}"),
    "notion-token": ("secret_{b62:43}", None, "{v}"),
    "shopify-access-token": ("shpat_{hex:32}", None, "{v}"),
    "shopify-shared-secret": ("shpss_{hex:32}", None, "{v}"),
    "linear-api-key": ("lin_api_{b62:40}", None, "{v}"),
    "contentful-management-token": ("CFPAT-{b64u:43}", None, "{v}"),
    "contentful-delivery-token": ("{b64u:43}", "CONTENTFUL_ACCESS_TOKEN", "{v}"),
    "spotify-client-secret": ("{hex:32}", "SPOTIFY_CLIENT_SECRET", "{v}"),
    "algolia-admin-key": ("{hex:32}", "ALGOLIA_ADMIN_KEY", "{v}"),
    "algolia-search-key": ("{hex:32}", "ALGOLIA_SEARCH_KEY", "{v}"),
    "asana-token": ("1/{dig:16}:{hex:32}", "ASANA_PAT", "{v}"),
    "dropbox-access-token": ("sl.{b64u:140}", None, "{v}"),
    "zoom-client-secret": ("{b62:32}", "ZOOM_CLIENT_SECRET", "{v}"),
    "twitch-client-secret": ("{la:30}", "TWITCH_CLIENT_SECRET", "{v}"),
    "facebook-access-token": ("EAA{b62:180}", None, "{v}"),
    "facebook-app-secret": ("{hex:32}", "FACEBOOK_APP_SECRET", "{v}"),
    "rapidapi-key": ("{b62:50}", "X-RapidAPI-Key", "{v}"),
    "openweathermap-api-key": ("{hex:32}", "OPENWEATHER_API_KEY", "{v}"),
    "sentry-dsn": ("https://{hex:32}@o{dig:6}.ingest.sentry.io/{dig:7}", None, "{v}"),
    "private-key": ("@pem", None, "{v}"),
    "basic-auth-credentials": ("@basic", None, "Basic {v}"),
    "url-with-password": ("{b62:20}", None, "postgres://admin:{v}@db.internal.net:5432/app"),
    # Families researched from the providers' documentation (rules/secrets/providers.yaml, docs: per entry).
    "make-webhook-url": ("hook.eu2.make.com/{la:32}", None, "https://{v}"),
    "zapier-webhook-url": ("hooks.zapier.com/hooks/catch/{dig:8}/{la:6}/", None, "https://{v}"),
    "n8n-webhook-url": ("acme-ops.app.n8n.cloud/webhook/@uuid", None, "https://{v}"),
    "ifttt-webhook-key": ("{b64u:22}", None, "https://maker.ifttt.com/trigger/door_open/with/key/{v}"),
    "google-chat-webhook-url": (
        "https://chat.googleapis.com/v1/spaces/AAAA{b64u:7}/messages?key=AIza{b64u:35}&token={b64u:43}",
        None,
        "{v}",
    ),
    "msteams-incoming-webhook-url": (
        "https://contoso.webhook.office.com/webhookb2/@uuid@@uuid/IncomingWebhook/{hex:32}/@uuid",
        None,
        "{v}",
    ),
    "msteams-workflows-webhook-url": (
        "https://prod-12.westeurope.logic.azure.com:443/workflows/{hex:32}/triggers/manual/paths/invoke"
        "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={b64u:43}",
        None,
        "{v}",
    ),
    "slack-config-access-token": ("xoxe.xoxp-1-{b62:120}", None, "{v}"),
    "slack-config-refresh-token": ("xoxe-1-{b62:140}", None, "{v}"),
    "dynatrace-token": ("dt0c01.{UA:24}.{UA:64}", None, "{v}"),
    "grafana-legacy-api-key": ("eyJrIjoi{b64:60}", None, "{v}"),
    "grafana-service-account-token": ("glsa_{b62:32}_{hex:8}", None, "{v}"),
    "honeycomb-configuration-key": ("hcxlk_{la:27}", None, "{v}"),
    "honeycomb-ingest-key": ("hcaik_{la:58}", None, "{v}"),
    "honeycomb-management-key": ("hcamk_{la:27}", None, "{v}"),
    "sentry-org-auth-token": ("sntrys_{b64:120}_{b64:43}", None, "{v}"),
    "sentry-reserved-token": ("sntrya_{hex:64}", None, "{v}"),
    "sentry-user-auth-token": ("sntryu_{hex:64}", None, "{v}"),
    "cloudflare-account-api-token": ("cfat_{b62:40}{b62:8}", None, "{v}"),
    "cloudflare-global-api-key": ("cfk_{b62:40}{b62:8}", None, "{v}"),
    "cloudflare-user-api-token": ("cfut_{b62:40}{b62:8}", None, "{v}"),
    "cloudflare-wrangler-oauth-token": ("cfoat_{b64u:64}", None, "{v}"),
    "flyio-macaroon-token": ("FlyV1 fm2_{b64u:120}", None, "{v}"),
    "vault-batch-token": ("hvb.{b64u:138}", None, "{v}"),
    "vault-recovery-token": ("hvr.{b64u:24}", None, "{v}"),
    "vault-service-token": ("hvs.{b64u:24}", None, "{v}"),
    "tailscale-api-access-token": ("tskey-api-{b62:16}-{b62:32}", None, "{v}"),
    "tailscale-auth-key": ("tskey-auth-{b62:16}-{b62:32}", None, "{v}"),
    "tailscale-oauth-client-secret": ("tskey-client-{b62:16}-{b62:32}", None, "{v}"),
    "tailscale-scim-key": ("tskey-scim-{b62:16}-{b62:32}", None, "{v}"),
    "tailscale-webhook-key": ("tskey-webhook-{b62:16}-{b62:32}", None, "{v}"),
    "tencent-cloud-secret-id": ("AKID{b62:32}", None, "{v}"),
    "docker-hub-pat": ("dckr_pat_{b64u:27}", None, "{v}"),
    "gitlab-agent-token": ("glagent-{b64u:50}", None, "{v}"),
    "gitlab-ci-job-token": ("glcbt-{b64u:40}", None, "{v}"),
    "gitlab-deploy-token": ("gldt-{b64u:20}", None, "{v}"),
    "gitlab-feature-flags-client-token": ("glffct-{b64u:20}", None, "{v}"),
    "gitlab-feed-token": ("glft-{b64u:20}", None, "{v}"),
    "gitlab-incoming-mail-token": ("glimt-{b64u:24}", None, "{v}"),
    "gitlab-oauth-app-secret": ("gloas-{hex:64}", None, "{v}"),
    "gitlab-pipeline-trigger-token": ("glptt-{hex:40}", None, "{v}"),
    "gitlab-runner-auth-token": ("glrt-{b64u:28}", None, "{v}"),
    "gitlab-scim-token": ("glsoat-{b64u:20}", None, "{v}"),
    "gitlab-session-cookie": ("{hex:32}", None, "_gitlab_session={v}"),
    "asaas-api-key": ("$aact_prod_{b64u:120}", None, "{v}"),
    "asaas-sandbox-api-key": ("$aact_hmlg_{b64u:120}", None, "{v}"),
    "chargily-secret-key": ("live_sk_{b62:40}", None, "{v}"),
    "flutterwave-public-key": ("FLWPUBK-{hex:32}-X", None, "{v}"),
    "midtrans-client-key": ("Mid-client-{b64u:16}", None, "{v}"),
    "nexi-checkout-key": ("live-checkout-key-{hex:32}", None, "{v}"),
    "nexi-checkout-secret-key": ("live-secret-key-{hex:32}", None, "{v}"),
    "openrouter-api-key": ("sk-or-v1-{hex:64}", None, "{v}"),
    "resend-api-key": ("re_{b62:8}_{b62:24}", None, "{v}"),
    "supabase-personal-access-token": ("sbp_{hex:40}", None, "{v}"),
    "x-bearer-token": ("AAAAAAAAAAAAAAAAAAAAA{b62:8}%3D{b62:50}", None, "{v}"),
    "pulumi-access-token": ("pul-{hex:40}", None, "{v}"),
    "langsmith-api-key": ("lsv2_pt_{hex:32}_{hex:10}", None, "{v}"),
    "woocommerce-rest-api-key": ("cs_{hex:40}", None, "{v}"),
    "xendit-secret-key": ("xnd_development_{b62:60}", None, "{v}"),
    "xendit-public-key": ("xnd_public_production_{b62:60}", None, "{v}"),
    "midtrans-server-key": ("Mid-server-{b64u:24}", None, "{v}"),
    "typeform-personal-access-token": ("tfp_{b62:44}", None, "{v}"),
    "databricks-personal-access-token": ("dapi{hex:32}", None, "{v}"),
    "age-secret-key": ("AGE-SECRET-KEY-1{bech:58}", None, "{v}"),
    "posthog-personal-api-key": ("phx_{b62:43}", None, "{v}"),
    "posthog-project-api-key": ("phc_{b62:43}", None, "{v}"),
    "sonarqube-token": ("squ_{hex:40}", None, "{v}"),
    "circleci-api-token": ("CCIPAT_{b58:22}_{hex:40}", None, "{v}"),
    "buildkite-api-token": ("bkua_{b62:40}", None, "{v}"),
    "shippo-live-api-token": ("shippo_live_{hex:40}", None, "{v}"),
    "shippo-test-api-token": ("shippo_test_{hex:40}", None, "{v}"),
    "duffel-test-access-token": ("duffel_test_{b64u:43}", None, "{v}"),
    "branch-key": ("key_live_{b62:32}", None, "{v}"),
    "adapty-secret-key": ("secret_live_{b62:8}.{b62:32}", None, "{v}"),
    "branch-secret": ("secret_live_{b62:32}", None, "{v}"),
    "checkout-secret-key": ("sk_{b32:27}", None, "{v}"),
    "checkout-sandbox-secret-key": ("sk_sbox_{b32:27}", None, "{v}"),
    "checkout-public-key": ("pk_sbox_{b32:27}", None, "{v}"),
    "omise-secret-key": ("skey_test_{la:19}", None, "{v}"),
    "omise-public-key": ("pkey_{la:19}", None, "{v}"),
    "pagarme-api-key": ("ak_live_{b62:30}", None, "{v}"),
    "pagarme-encryption-key": ("ek_live_{b62:30}", None, "{v}"),
    "sumup-api-key": ("sup_sk_{b62:32}", None, "{v}"),
    "polar-access-token": ("polar_oat_{b62:43}", None, "{v}"),
    "wompi-private-key": ("prv_prod_{b62:32}", None, "{v}"),
    "wompi-public-key": ("pub_prod_{b62:32}", None, "{v}"),
    "wompi-signing-secret": ("prod_integrity_{b62:32}", None, "{v}"),
    "efi-client-secret": ("Client_Secret_{hex:40}", None, "{v}"),
    "monigo-api-key": ("mk_live_{b62:32}", None, "{v}"),
    "aws-bedrock-short-term-api-key": ("bedrock-api-key-{b64:400}", None, "{v}"),
    "revenuecat-test-store-key": ("test_{b62:28}", "REVENUECAT_TEST_STORE_KEY", "{v}"),
}


@dataclass(frozen=True)
class Sample:
    provider: str  # expected provider id; for near-misses the provider they imitate ("none" for global ones)
    value: str  # the secret value exactly as the scanner should report it (unescaped)
    positive: bool
    key: str | None = None  # key name of the auth position / env variable
    embed: str = "{v}"  # how the value sits inside the written literal
    kind: str = "valid"

    @property
    def literal(self) -> str:
        return self.embed.replace("{v}", self.value)


def _fill(rng: random.Random, template: str) -> str:
    def one(m: re.Match[str]) -> str:
        return "".join(rng.choice(_ALPHABETS[m.group(1)]) for _ in range(int(m.group(2))))

    return re.sub(r"\{(\w+):(\d+)\}", one, template)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_jwt(rng: random.Random, payload: dict, header: dict | None = None) -> str:
    head = _b64url(json.dumps(header or {"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64url(json.dumps(payload, separators=(",", ":")).encode())
    return f"{head}.{body}.{_b64url(rng.randbytes(32))}"


def _jwt(rng: random.Random, role: str) -> str:
    ref = _fill(rng, "{la:20}")
    iat = rng.randint(1_600_000_000, 1_700_000_000)
    if role:
        payload = {"iss": "supabase", "ref": ref, "role": role, "iat": iat, "exp": iat + 10 * 365 * 86400}
    else:
        payload = {"sub": str(uuid.UUID(int=rng.getrandbits(128))), "iss": "https://auth.example.org", "iat": iat}
    return make_jwt(rng, payload)


def make_pem(rng: random.Random, kind: str = "PRIVATE KEY") -> str:
    body = base64.b64encode(rng.randbytes(rng.randint(600, 1200))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"


def _build(rng: random.Random, template: str) -> str:
    if template.startswith("@jwt:"):
        return _jwt(rng, template[5:])
    if template == "@pem":
        return make_pem(rng, rng.choice(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]))
    if template == "@b64jwt":
        return base64.b64encode(_jwt(rng, "").encode()).decode()
    if template == "@basic":
        user = _fill(rng, "user{la:6}")
        return base64.b64encode(f"{user}:{_fill(rng, '{b62:18}')}".encode()).decode()
    template = template.replace("@uuid", str(uuid.UUID(int=rng.getrandbits(128))))
    return _fill(rng, template)


def _literal_prefix(template: str) -> str:
    return re.split(r"[{@]", template, maxsplit=1)[0]


def _near_misses(rng: random.Random, provider: str, template: str, value: str, key: str | None, embed: str):
    def miss(v: str, kind: str) -> Sample:
        return Sample(provider, v, False, key, embed, kind)

    if template == "@basic":
        for text in ("user:password", "username", "admin:changeme", "YOUR_USER:YOUR_PASSWORD"):
            yield miss(base64.b64encode(text.encode()).decode(), "basic-placeholder")
        yield miss("dXNlcjpwYXNz!", "basic-bad-base64")
        return
    if template == "@pem":
        yield miss(make_pem(rng).split("\n")[0] + "\n...\n-----END PRIVATE KEY-----", "pem-elided")
        yield miss("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----", "pem-short")
        yield miss(
            "-----BEGIN PUBLIC KEY-----\n" + value.split("\n", 1)[1].rsplit("\n", 1)[0] + "\n-----END PUBLIC KEY-----",
            "public-key",
        )
        return
    if template.startswith("@jwt"):
        head, body, _sig = value.split(".")
        yield miss(f"{head}.{body}", "jwt-no-signature")
        yield miss(f"{head}.{body[:10]}!{body[11:]}.abc", "jwt-broken")
        yield miss("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.xxxxxxxxxxxxxxxxxxxx", "jwt-placeholder")
        yield miss(value[:10], "truncated")
        return
    if provider == "url-with-password":
        for v in ("password", "${dbPassword}", "<password>", "YOUR_PASSWORD", "x" * 12):
            yield miss(v, "placeholder")
        return
    if embed != "{v}":
        yield miss(value[:8], "truncated")
        yield miss("x" * len(value), "placeholder-x")
        yield miss("<secret>", "placeholder")
        return
    prefix = _literal_prefix(template)
    body = value[len(prefix) :]
    yield miss(value[:10], "truncated")
    yield miss(prefix + "x" * len(body), "placeholder-x")
    yield miss(value[:-7] + "EXAMPLE", "example-marker")
    if "://" not in template:  # a URL with a stray character is still a URL with a password
        yield miss(prefix + body[:4] + "!" + body[5:], "wrong-alphabet")
    if not prefix and key:
        # A bare format without the keyword that names the provider is just a random-looking string.
        yield Sample(provider, value, False, "request_id_hash" if len(value) < 40 else "checksum", embed, "no-keyword")


def _global_negatives(rng: random.Random) -> list[Sample]:
    data = rng.randbytes(64)
    png = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(300)).decode()
    out = [
        ("sha256", hashlib.sha256(data).hexdigest()),
        ("checksum", hashlib.sha1(data).hexdigest()),
        ("md5", hashlib.md5(data).hexdigest()),
        ("etag", hashlib.sha256(data[:10]).hexdigest()[:32]),
        ("user_id", str(uuid.UUID(int=rng.getrandbits(128)))),
        ("orderId", str(uuid.UUID(int=rng.getrandbits(128)))),
        ("image", png),
        ("locale", "en_US"),
        ("language", "pt-BR"),
        ("api_key", "YOUR_API_KEY"),
        ("x-api-key", "<api-key>"),
        ("token", "{{token}}"),
        ("token", "${apiKey}"),
        ("Authorization", "[authToken]"),
        ("STRIPE_KEY", "YOUR_STRIPE_KEY"),
        ("STRIPE_KEY", "sk_live_xxxxxxxxxxxxxxxx"),
        ("MAPS_KEY", "AIzaSy..."),
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7" + "EXAMPLE"),
        ("password", "********"),
        ("enabled", "true"),
        ("timeout", "30000"),
        ("url", "https://api.example.com/v1/users?page=2&sort=desc"),
    ]
    return [Sample("none", v, False, k, "{v}", "global") for k, v in out]


def generate_samples(seed: int = 1234) -> list[Sample]:
    rng = random.Random(seed)
    samples: list[Sample] = []
    for provider, (template, key, embed) in SPECS.items():
        for i in range(5):
            value = _build(rng, template)
            samples.append(Sample(provider, value, True, key, embed))
            if i == 0:
                samples.extend(_near_misses(rng, provider, template, value, key, embed))
    samples.extend(_global_negatives(rng))
    return samples


def ident(key: str | None) -> str:
    """camelCase identifier for a key name (used as the Dart variable that names the map)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", key or "api") if w]
    return words[0].lower() + "".join(w.capitalize() for w in words[1:])


def contexts(sample: Sample) -> dict[str, tuple[str, str]]:
    """The sample written into a Dart header map, a .env line and a JSON value: {name: (text, value as written)}."""
    literal = sample.literal
    dart_literal = literal.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'")
    scheme = "" if literal.startswith("Basic ") else "Bearer "
    dart = (
        f"final Map<String, String> {ident(sample.key)}Headers = {{\n"
        f"  'Authorization': '{scheme}{dart_literal}',\n"
        "};\n"
    )
    env_key = re.sub(r"[^A-Za-z0-9]+", "_", sample.key or "API_KEY").upper()
    env = f"{env_key}={literal.replace(chr(10), chr(92) + 'n')}\n"
    js = json.dumps({sample.key or "apiKey": literal}, indent=2) + "\n"

    def encode(name: str) -> str:
        v = sample.value
        if name == "json":
            return json.dumps(v)[1:-1]
        if name == "dart":
            return v.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'")
        return v.replace("\n", "\\n")

    return {"dart": (dart, encode("dart")), "env": (env, encode("env")), "json": (js, encode("json"))}


@dataclass
class Tally:
    positives: int = 0
    detected: int = 0
    near_misses: int = 0
    false_positives: int = 0


def evaluate(samples: list[Sample]) -> tuple[dict[str, Tally], list[str]]:
    """Scan every sample in every context; a positive counts once per context. Returns tallies and failures."""
    from linter.secrets import scan_text

    tallies: dict[str, Tally] = {}
    failures: list[str] = []
    for sample in samples:
        tally = tallies.setdefault(sample.provider, Tally())
        for name, (text, written) in contexts(sample).items():
            matches = scan_text(text)
            if sample.positive:
                tally.positives += 1
                at = text.find(written)
                hit = any(m.provider == sample.provider and m.start < at + len(written) and at < m.end for m in matches)
                tally.detected += hit
                if not hit:
                    failures.append(f"missed {sample.provider} in {name}: {[m.provider for m in matches]}")
            else:
                tally.near_misses += 1
                wrong = [m for m in matches if _wrong_for_near_miss(sample, m)]
                if wrong:
                    tally.false_positives += 1
                    failures.append(
                        f"false positive {sample.provider}/{sample.kind} in {name}: {[m.provider for m in wrong]}"
                    )
    return tallies, failures


# Near misses that stand for no credential at all: nothing may be reported for them.
_NOTHING_THERE = frozenset(
    {"placeholder", "placeholder-x", "basic-placeholder", "jwt-placeholder", "pem-elided", "pem-short", "public-key"}
)


def _wrong_for_near_miss(sample: Sample, match) -> bool:
    """What a near miss may not get. Every sample sits in an Authorization header, where a literal that is not the
    provider's format is still a hardcoded credential (reported as such, not as the provider); a documentation
    example is reported as an example, never as a key."""
    if match.exposure == "example":
        return sample.kind not in ("example-marker", "global")
    if sample.kind in _NOTHING_THERE or sample.kind == "global":
        return True
    return match.provider == sample.provider
