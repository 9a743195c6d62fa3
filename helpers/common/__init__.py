"""What every stage shares: repository paths, the error root, one wait loop, the background-thread
base and the command-line runner."""
