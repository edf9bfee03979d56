"""What every Dhyan command line shares: a bad argument is one line on stderr and exit code 2.

argparse's own error() prints the whole usage block before the message; a user who typed one
wrong value needs only the message, in the same form as the commands' other errors ("error: ...").
"""
from __future__ import annotations

import argparse


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line saying what is wrong (and exit code 2), not a usage block."""

    def error(self, message: str):
        self.exit(2, f"error: {message}\n")
