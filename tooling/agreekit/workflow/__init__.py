"""The workflow: its 19 steps and where each stands, and the closing steps' invitations, notices
and feedback."""
