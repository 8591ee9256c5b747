"""The local web app: thin views over the same services the CLI uses.

`followup serve` builds one app with `app.create_app`; every page module under
`pages/` owns its routes and templates, `api/` the versioned JSON API.
"""
