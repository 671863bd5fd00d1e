"""Entry point for ``python -m toolkit``."""

from toolkit.cli import run

if __name__ == "__main__":
    run()
