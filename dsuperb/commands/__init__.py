"""One module per CLI subcommand; each a thin wrapper over library functions."""
