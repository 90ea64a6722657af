"""`soapsmith add` and `refresh`: spec folders fetched from URLs, bounded and all or nothing.

limits.py (bounded http(s) fetching) -> names.py (local file names) -> wsdl_site.py,
asmx_site.py, servicestack_site.py, wcf_site.py (a site's layout) -> sites.py (a source to its
files) -> add.py, refresh.py (the commands); sources.py is spec.toml's `[source]` table.
"""
