"""The text core: template values, expressions, numbering, tables, signatures and rendering.

Pure functions over the model, used alike by the checks (AK308) and by publishing.
"""
