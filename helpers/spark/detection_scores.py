"""Scoring an anomaly detector against injected faults in a way that cannot be gamed.

`anomalies.score` counts a fault as found when any flagged event touches it, and lets flagged hours outside
faults cost nothing: a detector that flags every hour finds every fault with no false alarm. Here every
flagged hour counts:

- hour level: precision (flagged hours inside a fault / flagged hours) and recall (fault hours flagged /
  fault hours), and their F1, the one metric detectors are ranked by; precision and F1 depend on how many
  hours are faulty, so the false-positive rate (flagged fault-free hours / fault-free hours) is given too;
- event level: faults found (any flagged hour inside them), false alarms (runs of flagged hours outside
  every fault) per series-week, and the delay from a fault's start to its first flagged hour;
- reference rows: "flag everything" and "flag nothing", which must rank last;
- Wilson intervals for rates counted from few cases (a per-kind recall from 8 faults is a wide interval).

Frames: flags (region, type, hour), one row per flagged hour; faults (region, type, kind, start, end), end
inclusive; hours (region, type, hour), every hour that was scored.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.spark.anomalies import events

SERIES = ["region", "type"]
HOURS_PER_WEEK = 7 * 24


def fault_hours(faults: pd.DataFrame) -> pd.DataFrame:
    """One row per hour inside a fault: region, type, kind, start (the fault's), hour."""
    rows = [
        (fault.region, fault.type, fault.kind, fault.start, hour)
        for fault in faults.itertuples()
        for hour in pd.date_range(fault.start, fault.end, freq="h")
    ]
    return pd.DataFrame(rows, columns=[*SERIES, "kind", "start", "hour"])


def _inside(flags: pd.DataFrame, faults: pd.DataFrame) -> pd.Series:
    """For each flagged hour, whether it lies inside a fault of its series."""
    inside = fault_hours(faults)[[*SERIES, "hour"]].drop_duplicates()
    marked = flags[[*SERIES, "hour"]].merge(inside, on=[*SERIES, "hour"], how="left", indicator=True)
    return (marked["_merge"] == "both").set_axis(flags.index)


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95 % by default) of a proportion ``successes / trials``."""
    if trials == 0:
        return (0.0, 1.0)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return (max(0.0, centre - half), min(1.0, centre + half))


def hour_level(flags: pd.DataFrame, faults: pd.DataFrame) -> dict[str, float]:
    """Precision, recall and F1 over hours: every flagged hour outside a fault costs precision."""
    truth = fault_hours(faults)
    flagged_inside = int(_inside(flags, faults).sum()) if len(flags) else 0
    precision = flagged_inside / len(flags) if len(flags) else 0.0
    recall = flagged_inside / len(truth) if len(truth) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"flagged hours": len(flags), "precision": precision, "recall": recall, "F1": f1}


def event_level(flags: pd.DataFrame, faults: pd.DataFrame, hours: pd.DataFrame) -> dict[str, float]:
    """Faults found, false-alarm events per series-week (runs of flagged hours outside every fault), and the
    median delay in hours from a found fault's start to its first flagged hour."""
    inside = _inside(flags, faults) if len(flags) else pd.Series(dtype=bool)
    false_alarms = len(events(flags[~inside])) if len(flags) else 0
    series_weeks = len(hours) / HOURS_PER_WEEK
    truth = fault_hours(faults)
    hits = truth.merge(flags[[*SERIES, "hour"]], on=[*SERIES, "hour"])
    first = hits.groupby([*SERIES, "start"])["hour"].min()
    delays = (first - first.index.get_level_values("start")) / pd.Timedelta("1h")
    return {
        "faults found": len(first),
        "faults": len(faults),
        "false alarms per series-week": false_alarms / series_weeks if series_weeks else 0.0,
        "median delay h": float(delays.median()) if len(delays) else math.nan,
    }


def per_kind(flags: pd.DataFrame, faults: pd.DataFrame) -> pd.DataFrame:
    """Per fault kind and type: faults, found, the rate and its 95 % Wilson interval."""
    hit = fault_hours(faults).merge(flags[[*SERIES, "hour"]], on=[*SERIES, "hour"])
    found = set(map(tuple, hit[[*SERIES, "start"]].drop_duplicates().to_numpy()))
    marked = faults.assign(found=[(f.region, f.type, f.start) in found for f in faults.itertuples()])
    table = marked.groupby(["type", "kind"], observed=True)["found"].agg(faults="size", found="sum").reset_index()
    bounds = [wilson(int(k), int(n)) for k, n in zip(table["found"], table["faults"], strict=True)]
    return table.assign(rate=table["found"] / table["faults"], low=[b[0] for b in bounds], high=[b[1] for b in bounds])


def false_positive_rate(flags: pd.DataFrame, faults: pd.DataFrame, hours: pd.DataFrame) -> float:
    """Flagged hours outside every fault, as a share of the scored hours outside every fault."""
    outside = len(flags) - (int(_inside(flags, faults).sum()) if len(flags) else 0)
    fault_free = len(hours) - len(fault_hours(faults)[[*SERIES, "hour"]].drop_duplicates())
    return outside / fault_free if fault_free else 0.0


def references(hours: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The two detectors every real one must beat: every hour flagged, and none."""
    return {"flag everything": hours[[*SERIES, "hour"]], "flag nothing": hours[[*SERIES, "hour"]].iloc[0:0]}


def leaderboard(detectors: dict[str, pd.DataFrame], faults: pd.DataFrame, hours: pd.DataFrame) -> pd.DataFrame:
    """One row per detector (its flags), the reference detectors added, ranked by hour-level F1."""
    rows = []
    for name, flags in {**detectors, **references(hours)}.items():
        rows.append(
            {
                "detector": name,
                **hour_level(flags, faults),
                "false-positive rate": false_positive_rate(flags, faults, hours),
                **event_level(flags, faults, hours),
            }
        )
    return pd.DataFrame(rows).sort_values(["F1", "detector"], ascending=[False, True]).set_index("detector")


def choose_threshold(scored: pd.DataFrame, column: str, thresholds, faults: pd.DataFrame) -> float:
    """The threshold on ``|column|`` with the best hour-level F1 on ``scored`` (region, type, hour, column):
    choose it on one year or seed, then report on another."""
    best = max(
        thresholds,
        key=lambda t: (hour_level(scored.loc[scored[column].abs() > t, [*SERIES, "hour"]], faults)["F1"], -t),
    )
    return float(best)
