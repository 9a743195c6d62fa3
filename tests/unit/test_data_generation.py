"""The embedded generator: long format, UTC axis, DE = sum of areas, realism, calibration, determinism."""

import numpy as np
import pandas as pd
import pytest

from helpers.data.generation import DEFAULT_SEED, annual_totals_twh, generate, generation_chunks
from helpers.data.schema import AREAS, COLUMNS, DE, REGIONS, TYPES


@pytest.fixture(scope="module")
def year_2016() -> pd.DataFrame:
    return generate("2016-01-01", "2017-01-01")


def _wide(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame[frame["type"] == kind].pivot(index="ts", columns="region", values="value")


def test_long_format_rows_are_ordered_by_timestamp_type_region():
    frame = generate("2016-06-21", "2016-06-22")
    assert tuple(frame.columns) == COLUMNS
    assert str(frame["ts"].dt.tz) == "UTC"
    assert len(frame) == 96 * len(TYPES) * len(REGIONS)
    first = frame.iloc[: len(TYPES) * len(REGIONS)]
    assert (first["ts"] == pd.Timestamp("2016-06-21", tz="UTC")).all()
    assert list(zip(first["type"], first["region"])) == [(t, r) for t in TYPES for r in REGIONS]


@pytest.mark.parametrize("day", ["2016-03-27", "2016-10-30"])
def test_daylight_saving_days_have_96_utc_rows_per_series(day):
    frame = generate(day, pd.Timestamp(day) + pd.Timedelta(days=1))
    sizes = frame.groupby(["type", "region"], observed=True).size()
    assert len(sizes) == len(TYPES) * len(REGIONS) and (sizes == 96).all()
    assert not frame.duplicated(["ts", "type", "region"]).any()
    steps = np.diff(np.sort(frame["ts"].unique()))
    assert (steps == np.timedelta64(15, "m")).all()


def test_de_is_exactly_the_sum_of_the_rounded_areas():
    frame = generate("2016-01-01", "2016-01-15")
    for kind in TYPES:
        tenths = (_wide(frame, kind) * 10).round().astype("int64")
        assert (tenths[list(AREAS)].sum(axis=1) == tenths[DE]).all()


def test_values_have_one_decimal_and_are_never_negative():
    values = generate("2016-07-01", "2016-07-08")["value"]
    assert (values >= 0).all()
    np.testing.assert_allclose(values, values.round(1), atol=1e-9)


def test_solar_is_zero_at_night_and_peaks_at_summer_noon():
    summer = _wide(generate("2016-06-15", "2016-06-22"), "solar")
    winter = _wide(generate("2016-12-15", "2016-12-22"), "solar")
    night = summer.index.hour.isin([21, 22, 23, 0, 1])  # UTC: the sun is down all over Germany
    assert (summer[night] == 0).all().all()
    assert summer[DE].idxmax().hour in (10, 11, 12)
    assert summer[DE].max() > 2.5 * winter[DE].max()


def test_cloudy_days_vary_daily_solar_energy(year_2016):
    june = _wide(year_2016, "solar")[DE]["2016-06"].resample("D").sum() / 4 / 1000  # GWh
    assert june.max() > 1.4 * june.min()


def test_wind_is_persistent_and_stronger_in_winter(year_2016):
    wind = _wide(year_2016, "wind")[DE]
    assert wind.autocorr(4) > 0.95  # one hour
    assert 0.2 < wind.autocorr(96) < 0.8  # one day
    monthly = wind.groupby(wind.index.month).mean()
    assert monthly[[1, 2, 12]].mean() > 1.5 * monthly[[6, 7, 8]].mean()
    capacity_factor = wind / 47_500
    assert (capacity_factor < 0.05).mean() > 0.05  # calm spells
    assert capacity_factor.max() > 0.6  # storms


def test_areas_share_the_weather_but_not_identically(year_2016):
    wind = _wide(year_2016, "wind")
    correlation = wind[list(AREAS)].corr()
    assert 0.7 < correlation.loc["50hertz", "tennet"] < 0.97
    assert correlation.loc["50hertz", "transnetbw"] < correlation.loc["50hertz", "tennet"]


def test_wind_in_the_north_solar_in_the_south(year_2016):
    totals = annual_totals_twh(year_2016)
    assert totals.loc[["50hertz", "tennet"], "wind"].sum() > 0.7 * totals.loc[DE, "wind"]
    assert totals.loc["transnetbw", "wind"] < 0.05 * totals.loc[DE, "wind"]
    assert totals.loc["transnetbw", "solar"] > 2 * totals.loc["transnetbw", "wind"]
    assert totals.loc["tennet", "solar"] == totals.loc[list(AREAS), "solar"].max()


def test_2016_totals_for_the_default_seed(year_2016):
    totals = annual_totals_twh(year_2016).loc[DE]
    assert 74 <= totals["wind"] <= 80  # published: about 77 TWh
    assert 35 <= totals["solar"] <= 38


@pytest.mark.parametrize("seed", [2, 3])
def test_2016_totals_for_other_seeds_stay_within_ten_percent(seed):
    totals = annual_totals_twh(generate("2016-01-01", "2017-01-01", seed)).loc[DE]
    assert totals["wind"] == pytest.approx(77, rel=0.10)
    assert totals["solar"] == pytest.approx(36.5, rel=0.10)


def test_same_seed_same_data_whatever_the_window():
    week = generate("2016-02-27", "2016-03-05", DEFAULT_SEED)
    longer = generate("2015-12-01", "2016-04-01", DEFAULT_SEED)
    inside = longer[(longer["ts"] >= week["ts"].min()) & (longer["ts"] <= week["ts"].max())]
    pd.testing.assert_frame_equal(week, inside.reset_index(drop=True))
    other = generate("2016-02-27", "2016-03-05", DEFAULT_SEED + 1)
    assert not np.array_equal(week["value"], other["value"])


def test_chunks_are_calendar_months():
    chunks = list(generation_chunks("2016-01-20", "2016-03-10"))
    assert [chunk["ts"].min().strftime("%m-%d") for chunk in chunks] == ["01-20", "02-01", "03-01"]


def test_windows_outside_the_known_capacity_are_refused():
    with pytest.raises(ValueError, match="start < end"):
        generate("1999-12-01", "2000-02-01")
    with pytest.raises(ValueError, match="start < end"):
        generate("2016-02-01", "2016-01-01")
