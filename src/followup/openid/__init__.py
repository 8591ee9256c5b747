"""Signing in with an organisation's OpenID Connect provider (hosted mode only): the protocol, with Authlib.

Only a hosted installation whose operator named a provider reaches this package, and it loads
Authlib, joserfc and requests only when a sign-in starts: the single-user app never imports it.
"""
