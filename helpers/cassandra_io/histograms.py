"""Cassandra's EstimatedHistogram, as nodetool tablehistograms reads it (org.apache.cassandra.utils.EstimatedHistogram).

A table metric such as EstimatedPartitionSizeHistogram is an array of bucket counts. Bucket i counts the
values in (offset[i-1], offset[i]], where the offsets grow from 1 by a factor of 1.2 (1, 2, 3, ... 10, 12,
14, 17, ...); the last bucket counts the values beyond the last offset (overflow). So every figure is an
estimate, rounded up to a bucket offset.
"""

from __future__ import annotations

import math

PERCENTILES = {"50%": 0.5, "75%": 0.75, "95%": 0.95, "98%": 0.98, "99%": 0.99}


def bucket_offsets(count: int) -> list[int]:
    """The upper bound of each of `count` buckets: 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 20, ..."""
    offsets, last = [], 1
    for _ in range(count):
        offsets.append(last)
        following = _half_up(last * 1.2)
        last = following if following != last else following + 1
    return offsets


def _half_up(x: float) -> int:
    return math.floor(x + 0.5)  # Java's Math.round, not Python's banker's rounding


def summary(buckets: list[int]) -> dict[str, float]:
    """{'50%', '75%', '95%', '98%', '99%', 'Min', 'Max'} of a bucket array, as nodetool tablehistograms computes
    them; all NaN when nothing was recorded (no SSTable yet), percentiles NaN when values overflowed."""
    keys = [*PERCENTILES, "Min", "Max"]
    total = sum(buckets)
    if not buckets or total == 0:
        return dict.fromkeys(keys, math.nan)
    offsets = bucket_offsets(len(buckets) - 1)
    overflowed = buckets[-1] > 0
    result = {name: math.nan if overflowed else percentile(buckets, offsets, p) for name, p in PERCENTILES.items()}
    first = next(i for i, n in enumerate(buckets) if n > 0)
    result["Min"] = 0 if first == 0 else offsets[first - 1] + 1
    last = max(i for i, n in enumerate(buckets) if n > 0)
    result["Max"] = math.inf if overflowed else offsets[last]
    return result


def percentile(buckets: list[int], offsets: list[int], p: float) -> int:
    """The offset of the first bucket by which a fraction `p` of all values is counted."""
    wanted = math.ceil(sum(buckets) * p)
    if wanted == 0:
        return 0
    seen = 0
    for count, offset in zip(buckets, offsets):
        seen += count
        if seen >= wanted:
            return offset
    return 0
