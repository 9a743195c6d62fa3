# NBVAL_IGNORE_OUTPUT
from helpers import sandbox

total_mb = sum(s["rss_mb"] or 0 for s in sandbox.status_dicts())
print(f"The sandbox's servers use {total_mb / 1024:.1f} GB resident")
