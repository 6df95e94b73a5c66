"""Publishing: the agreement rendered as Markdown, the MkDocs site, the PDF, versions and redlines."""
