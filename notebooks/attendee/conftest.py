"""The attendee versions have their solutions stripped and outputs cleared: nbval must not run them.
CI runs the solved lessons in notebooks/; `python -m helpers.course check` keeps these in sync."""
collect_ignore_glob = ["*.ipynb"]
