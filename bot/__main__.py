"""`python -m bot` is the same as the `aitl` console script."""

from bot.cli import main

raise SystemExit(main())
