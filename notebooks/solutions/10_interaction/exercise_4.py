row = session.execute(f"""SELECT reading, expected_mw, spread_mw FROM {KEYSPACE}.scored
                          WHERE region = 'amprion' AND type = 'wind' AND ts = '2016-10-17 15:00'""").one()
outage_z = (0 - row.expected_mw) / row.spread_mw
print(f"stations {row.reading:.1f} m/s, expected {row.expected_mw:.0f} MW, spread {row.spread_mw:.0f} MW: "
      f"an outage would score z = {outage_z:.2f}")
answer = outage_z
check("10.4", answer)
