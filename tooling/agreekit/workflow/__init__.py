"""The 19 steps of the seed workflow and where each stands."""
