"""The closing steps of the workflow: invitations, notices, feedback and the key terms they share."""
