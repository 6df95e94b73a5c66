"""Publishing, an edge: the MkDocs plugin, the site, the PDF, versions and redlines.

What a section renders to is the text core's job (`agreekit.text`); this package writes it out.
"""
