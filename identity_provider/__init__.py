"""A local OpenID Connect provider for the demo and the tests — never deployed.

It is django-oauth-toolkit's authorization server (OIDC enabled, PKCE required, RS256 ID
tokens, discovery, JWKS, RP-initiated logout) in a small Django project of its own, run in its
own process on loopback (`python -m identity_provider`). It stands in for the national single
sign-on and for an organisation's accounts, so the platform's sign-in (learningcity/identity)
is exercised against a real provider speaking the protocol, never a mock of the client library.
"""
