rows = session.execute(f"""SELECT ts, value FROM {KEYSPACE}.generation
                           WHERE region = 'DE' AND type = 'wind' AND ts >= '2016-10-18' AND ts < '2016-10-19'""")
live = pd.DataFrame(list(rows), columns=["ts", "value"])
hourly_energy = (live["value"] * 0.25).groupby(live["ts"].dt.floor("h")).sum()
rollup = pd.DataFrame(list(session.execute("""SELECT hour, energy_mwh FROM energydata.generation_hourly
    WHERE region = 'DE' AND type = 'wind' AND hour >= '2016-10-18' AND hour < '2016-10-19'"""))).set_index("hour")
print("largest difference to the rollup:", (hourly_energy - rollup["energy_mwh"]).abs().max().round(6), "MWh")
answer = hourly_energy
check("10.3", answer)
