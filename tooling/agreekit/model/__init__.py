"""The agreement model: typed objects loaded once, each value remembering where it came from."""
