"""`python -m dsuperb ...` (and `accelerate launch -m dsuperb ...`): the `dsuperb` command."""

from .cli import main

main()
