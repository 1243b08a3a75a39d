"""Citizen accounts: sign-up and log-in by phone or e-mail (password or one-time code) and VNeID single sign-on."""
