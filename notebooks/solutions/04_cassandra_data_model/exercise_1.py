latest_wind = session.execute("SELECT region, ts, value FROM nb04_model.generation "
                              "WHERE region IN ('DE', '50hertz', 'amprion', 'tennet', 'transnetbw') "
                              "AND type = 'wind' PER PARTITION LIMIT 1")
print(pd.DataFrame(latest_wind).sort_values("region").to_string(index=False))
