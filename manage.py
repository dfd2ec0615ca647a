#!/usr/bin/env python3
"""Django's command-line utility; the same program is installed as `tuanwu`."""

from tuanwu.__main__ import main

if __name__ == "__main__":
    main()
