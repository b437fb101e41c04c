"""Signing in with the national single sign-on and with organisations' own accounts (OpenID
Connect, through Authlib): identities linked to accounts, never duplicated, with the assurance
they give."""
