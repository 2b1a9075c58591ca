"""The command line and the work behind each command: check, draft, review, fix, golden, readability."""
