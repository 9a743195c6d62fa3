"""What every stage shares.

paths       where the repository is; everything else is found relative to it
errors      WorkshopError, the one root of the errors the helpers raise on purpose, and its kinds
waiting     wait_until, the one poll loop, and retries
background  a blocking job in a background thread, so that a notebook cell returns while it works
children    terminate: SIGTERM a child process, SIGKILL it if it hangs
download    fetch_verified: a download checked against its SHA-256 before it gets its name
cli         the runner of every ``python -m helpers.X``: exit codes 0 ok, 1 failed, 3 service unavailable
"""
