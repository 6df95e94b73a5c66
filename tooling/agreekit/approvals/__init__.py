"""Approvals recorded in git: stages, records (annotated tags with trailers) and their verification."""
