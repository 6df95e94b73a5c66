"""The periodic service report: the agreement's own terms applied to the service desk's data.

An edge (DESIGN section 9): only `agreekit report` imports it, and it alone loads numpy and
pyarrow (the `report` extra), so `agreekit check` never pays for them.
"""
