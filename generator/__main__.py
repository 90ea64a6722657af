"""`python -m generator` is the `soapsmith` command."""

from .cli import main

main()
