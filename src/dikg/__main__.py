"""Allow ``python -m dikg``."""

from dikg.cli import main

if __name__ == "__main__":
    main()
