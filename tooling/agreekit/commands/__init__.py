"""One module per `agreekit` subcommand, each exposing a click `command`."""
