#!/usr/bin/env python
from koppeling.cli import main

if __name__ == "__main__":
    main()
